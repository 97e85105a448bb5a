/*
 * version: the one place the release number is written. netcollect -V,
 * netsim -V, the Makefile (make deb) and the man pages' headers are
 * checked against it (test/regress/t4201).
 */
#ifndef NC_VERSION_H
#define NC_VERSION_H

#define NC_VERSION "0.1.0"

#endif
