// libzip (Debian libzip-dev) for Swift: reads the zip containers of .docx and .odt files.
#include <zip.h>
