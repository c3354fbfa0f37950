#ifndef CREDKIT_CQRENCODE_SHIM_H
#define CREDKIT_CQRENCODE_SHIM_H
#include <qrencode.h>
#endif
