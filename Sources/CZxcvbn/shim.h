#ifndef CREDKIT_CZXCVBN_SHIM_H
#define CREDKIT_CZXCVBN_SHIM_H
#include <zxcvbn.h>
#endif
