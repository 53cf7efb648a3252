// crypt(3) from libxcrypt: SHA512-CRYPT hashing and verification exactly as Dovecot checks it.
#include <crypt.h>
