/**
 * File extensions (without the dot, lower case) that link extractors skip by default: archives,
 * images, audio, video, office documents and other non-page downloads.
 * @see Scrapy's `scrapy.linkextractors.IGNORED_EXTENSIONS`
 */
export const IGNORED_EXTENSIONS: readonly string[] = Object.freeze([
  // archives
  '7z', '7zip', 'bz2', 'rar', 'tar', 'tar.gz', 'xz', 'zip',
  // images
  'mng', 'pct', 'bmp', 'gif', 'jpg', 'jpeg', 'png', 'pst', 'psp', 'tif', 'tiff', 'ai', 'drw', 'dxf', 'eps', 'ps',
  'svg', 'cdr', 'ico', 'webp',
  // audio
  'mp3', 'wma', 'ogg', 'wav', 'ra', 'aac', 'mid', 'au', 'aiff',
  // video
  '3gp', 'asf', 'asx', 'avi', 'mov', 'mp4', 'mpg', 'qt', 'rm', 'swf', 'wmv', 'm4a', 'm4v', 'flv', 'webm',
  // office suites
  'xls', 'xlsm', 'xlsx', 'xltm', 'xltx', 'potm', 'potx', 'ppt', 'pptm', 'pptx', 'pps', 'doc', 'docb', 'docm',
  'docx', 'dotm', 'dotx', 'odt', 'ods', 'odg', 'odp',
  // other
  'css', 'pdf', 'exe', 'bin', 'rss', 'dmg', 'iso', 'apk', 'jar', 'sh', 'rb', 'js', 'hta', 'bat', 'cpl', 'msi',
  'msp', 'py',
]);
