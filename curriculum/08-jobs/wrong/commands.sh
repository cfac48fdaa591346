# one pod, once, with the default back-off limit
kubectl create job pi --image=perl:5.34.0 -- perl -Mbignum=bpi -wle "print bpi(2000)"
