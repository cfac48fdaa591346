// Go time formats kubectl uses: time.RFC1123Z ("Mon, 02 Jan 2006 15:04:05 -0700") in UTC, and
// time.Duration's String for whole seconds ("0s", "10s", "1m30s", "1h0m0s").

import { goDuration as goDurationOf } from '../../util/go/duration';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n: number) => String(n).padStart(2, '0');

/** Civil date from days since the epoch (H. Hinnant's days_from_civil inverse). */
function civil(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

export function rfc1123z(iso: string | undefined): string {
  if (!iso) return '<unset>';
  const ms = Date.parse(iso);
  const days = Math.floor(ms / 86400000);
  const secs = Math.floor((ms - days * 86400000) / 1000);
  const [y, m, d] = civil(days);
  const dow = DAYS[((days % 7) + 11) % 7];
  return `${dow}, ${p2(d)} ${MONTHS[m - 1]} ${y} ${p2(Math.floor(secs / 3600))}:${p2(Math.floor(secs / 60) % 60)}:${p2(secs % 60)} +0000`;
}

/** time.Duration.String() of whole seconds (src/util/go/duration.ts). */
export const goDuration = (seconds: number): string => goDurationOf(seconds * 1000);
