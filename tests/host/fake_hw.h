// SPDX-License-Identifier: GPL-3.0-or-later
// tests/host/fake_hw.h: see fake_hw.c.
#ifndef FAKE_HW_H
#define FAKE_HW_H
#include <stdint.h>
extern uint32_t fake_time;   // what rtc_unix_time() returns; tests may set it
// fake_heap.c: what pmm_spare_pages() returns, which tests may set, and the
// pages kpages_alloc handed out and kpages_free has not taken back
extern uint32_t fake_spare_pages, fake_pages;
#endif
