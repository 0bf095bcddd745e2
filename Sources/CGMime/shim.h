// GMime 3 (Debian libgmime-3.0-dev), the MIME library CMailParsing reads e-mail with.
#include <gmime/gmime.h>
