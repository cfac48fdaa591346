// What kspec knows of well-known images: their config's ENTRYPOINT and CMD (as `docker inspect` shows them for
// the Docker Hub official images), which userland they have (busybox applets, or Debian's coreutils and dash),
// and the files a server among them serves. An image not listed has no known default command: without a
// command in the pod it keeps running, as the default image behaviour says (docs/image-behaviours.md).
import { normalizeImage } from '../../world/images';

export interface ImageConfig {
  entrypoint?: string[];
  cmd?: string[];
  workingDir?: string;
  flavour: 'busybox' | 'gnu';
  /** directories and files of the image, beyond the root's directories */
  files?: Record<string, string>;
  dirs?: string[];
}

const NGINX_INDEX = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

/** The nginx image's /etc/nginx/conf.d/default.conf (its server block; the commented examples left out). */
const NGINX_DEFAULT_CONF = `server {
    listen       80;
    listen  [::]:80;
    server_name  localhost;

    location / {
        root   /usr/share/nginx/html;
        index  index.html index.htm;
    }

    # redirect server error pages to the static page /50x.html
    #
    error_page   500 502 503 504  /50x.html;
    location = /50x.html {
        root   /usr/share/nginx/html;
    }
}
`;

const KNOWN: Record<string, ImageConfig> = {
  busybox: { cmd: ['sh'], flavour: 'busybox' },
  alpine: { cmd: ['/bin/sh'], flavour: 'busybox' },
  ubuntu: { cmd: ['/bin/bash'], flavour: 'gnu' },
  debian: { cmd: ['bash'], flavour: 'gnu' },
  centos: { cmd: ['/bin/bash'], flavour: 'gnu' },
  nginx: {
    entrypoint: ['/docker-entrypoint.sh'],
    cmd: ['nginx', '-g', 'daemon off;'],
    flavour: 'gnu',
    dirs: ['/etc/nginx', '/etc/nginx/conf.d', '/usr/share/nginx', '/usr/share/nginx/html'],
    files: {
      '/etc/nginx/conf.d/default.conf': NGINX_DEFAULT_CONF,
      '/usr/share/nginx/html/index.html': NGINX_INDEX,
      '/usr/share/nginx/html/50x.html':
        '<!DOCTYPE html>\n<html>\n<head>\n<title>Error</title>\n</head>\n<body>\n<h1>An error occurred.</h1>\n</body>\n</html>\n',
    },
  },
  httpd: {
    cmd: ['httpd-foreground'],
    workingDir: '/usr/local/apache2',
    flavour: 'gnu',
    files: { '/usr/local/apache2/htdocs/index.html': '<html><body><h1>It works!</h1></body></html>\n' },
  },
  redis: {
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['redis-server'],
    workingDir: '/data',
    flavour: 'gnu',
    dirs: ['/data'],
  },
  tomcat: {
    cmd: ['catalina.sh', 'run'],
    workingDir: '/usr/local/tomcat',
    flavour: 'gnu',
    dirs: ['/usr/local/tomcat/webapps'],
  },
  mysql: { entrypoint: ['docker-entrypoint.sh'], cmd: ['mysqld'], flavour: 'gnu', dirs: ['/var/lib/mysql'] },
  postgres: {
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['postgres'],
    flavour: 'gnu',
    dirs: ['/var/lib/postgresql/data'],
  },
  perl: { cmd: ['perl5', '-de0'], flavour: 'gnu' },
  python: { cmd: ['python3'], flavour: 'gnu' },
  node: { entrypoint: ['docker-entrypoint.sh'], cmd: ['node'], flavour: 'gnu' },
  'registry.k8s.io/pause': { entrypoint: ['/pause'], flavour: 'busybox' },
  // the Kubernetes documentation's busybox (1.24): the probe and init container examples
  'registry.k8s.io/busybox': { cmd: ['sh'], flavour: 'busybox' },
  'k8s.gcr.io/busybox': { cmd: ['sh'], flavour: 'busybox' },
};

/** The repository of an image without registry and tag: `nginx:1.25` -> nginx, `registry.k8s.io/pause:3.9` -> registry.k8s.io/pause. */
function repository(image: string): string {
  const full = normalizeImage(image)
    .replace(/@.*$/, '')
    .replace(/:[^:/]+$/, '');
  return full.replace(/^docker\.io\/library\//, '').replace(/^docker\.io\//, '');
}

const tagOf = (image: string) => /:([^:/@]+)(@|$)/.exec(image)?.[1] ?? 'latest';

/** The image's config, if kspec knows it; an `-alpine` tag has busybox's userland. */
export function imageConfig(image: string): ImageConfig | undefined {
  const c = KNOWN[repository(image)];
  if (!c) return undefined;
  return /alpine/.test(tagOf(image)) && c.flavour === 'gnu' ? { ...c, flavour: 'busybox' } : c;
}

/** The userland of any image: busybox for busybox, alpine and -alpine tags, else Debian's. */
export function flavourOf(image: string): 'busybox' | 'gnu' {
  return imageConfig(image)?.flavour ?? (/(^|\/)(busybox|alpine)(:|$)|alpine/.test(image) ? 'busybox' : 'gnu');
}
