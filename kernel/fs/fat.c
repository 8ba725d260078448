// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/fs/fat.c: reads files from a FAT16 or FAT32 volume, read-only.  It is
// here for one file, seedstrap.cfg on init.img's settings partition, which a
// user may have edited on any computer (kernel/fs/settings.c reads it), so
// every field is checked before use: a boot sector that does not add up, a
// cluster number outside the volume, a chain that loops or ends before its
// file are errors with a sentence in fs->error, never a read out of range
// or an endless walk.  A chain longer than the volume has clusters must
// loop, which bounds every walk.
//
// Names: a long (VFAT) name is matched when its entries are whole and their
// checksum matches the 8.3 entry after them, else the 8.3 name; both without
// regard to ASCII case (a long name with other characters matches no
// ASCII path).  FAT12 is refused: a volume with fewer than 4085 clusters,
// which init.img's is not.  Sectors are 512 bytes, one at a time.
#include <ctype.h>
#include <stddef.h>
#include <string.h>
#include "fat.h"
#include "lib/errno.h"

// the boot sector's BIOS parameter block (Microsoft's FAT specification)
struct fat_bpb {
    uint8_t jump[3], oem[8];
    uint16_t sector_bytes;      // 11
    uint8_t cluster_sectors;    // 13
    uint16_t reserved;          // 14: sectors before the first FAT
    uint8_t fats;               // 16
    uint16_t root_entries;      // 17: FAT16's fixed root directory; 0 on FAT32
    uint16_t total16;           // 19: sectors, or 0 and total32
    uint8_t media;              // 21
    uint16_t fat16_sectors;     // 22: sectors per FAT; 0 on FAT32
    uint16_t track_sectors, heads;
    uint32_t hidden;            // 28
    uint32_t total32;           // 32
    uint32_t fat32_sectors;     // 36: FAT32 only from here on
    uint16_t ext_flags;         // 40: bit 7: only FAT number (bits 0-3) is in use
    uint16_t version;           // 42
    uint32_t root_cluster;      // 44
} __attribute__((packed));
_Static_assert(offsetof(struct fat_bpb, root_cluster) == 44, "struct fat_bpb");

struct fat_dirent {
    uint8_t name[11];           // 0: 8.3, blank-padded; name[0] 0 ends the directory, 0xe5 deleted
    uint8_t attr;               // 11
    uint8_t nt, ctime_tenths;
    uint16_t ctime, cdate, adate;
    uint16_t cluster_hi;        // 20: FAT32
    uint16_t mtime, mdate;
    uint16_t cluster_lo;        // 26
    uint32_t size;              // 28
} __attribute__((packed));
_Static_assert(sizeof(struct fat_dirent) == 32, "struct fat_dirent");

#define ATTR_VOLUME  0x08
#define ATTR_DIR     0x10
#define ATTR_LFN     0x0f       // read-only, hidden, system, volume: a long-name piece
#define LFN_LAST     0x40       // in a long-name piece's ordinal: the first one stored
#define LFN_CHARS    13         // UCS-2 characters per piece, at these offsets:
static const uint8_t lfn_offsets[LFN_CHARS] = { 1, 3, 5, 7, 9, 14, 16, 18, 20, 22, 24, 28, 30 };

// a walk through the sectors of a directory or file
struct fat_walk {
    uint32_t cluster;           // the cluster being read; 0 in FAT16's fixed root
    uint32_t lba;               // the next sector
    uint32_t left;              // sectors left in this cluster (or the fixed root)
    uint32_t steps;             // clusters entered, against a loop
};

// the long name gathered from the pieces before an 8.3 entry
struct fat_lfn {
    int next;                   // the ordinal the next piece must have; -1: none or broken
    uint8_t sum;                // the checksum every piece carries
};

static int fail(struct fat_fs *fs, int err, const char *why)
{
    fs->error = why;
    return err;
}

int fat_mount(struct blkdev *dev, struct fat_fs *fs)
{
    const struct fat_bpb *b = (const void *)fs->buf;
    uint32_t cs, fat_size, total, active;
    uint64_t data;
    int err;

    memset(fs, 0, sizeof *fs);
    fs->dev = dev;
    if ((err = blk_read(dev, 0, 1, fs->buf)) < 0)
        return fail(fs, err, "its boot sector cannot be read");
    if (fs->buf[510] != 0x55 || fs->buf[511] != 0xaa)
        return fail(fs, -EINVAL, "its boot sector has no 55 aa signature: not a FAT volume");
    cs = b->cluster_sectors;
    if (b->sector_bytes != BLK_SECTOR_SIZE)
        return fail(fs, -EINVAL, "its sectors are not 512 bytes");
    if (cs == 0 || (cs & (cs - 1)) != 0 || b->reserved == 0 || b->fats == 0)
        return fail(fs, -EINVAL, "its boot sector gives no FAT or a cluster size that is not a power of two");
    fat_size = b->fat16_sectors ? b->fat16_sectors : b->fat32_sectors;
    total = b->total16 ? b->total16 : b->total32;
    fs->root_sectors = ((uint32_t)b->root_entries * 32 + BLK_SECTOR_SIZE - 1) / BLK_SECTOR_SIZE;
    data = b->reserved + (uint64_t)b->fats * fat_size + fs->root_sectors;
    if (fat_size == 0 || total > dev->sectors || data >= total)
        return fail(fs, -EINVAL, "its boot sector gives sizes that do not fit the partition");
    fs->cluster_sectors = cs;
    fs->fat_lba = b->reserved;
    fs->root_lba = fs->fat_lba + b->fats * fat_size;
    fs->data_lba = (uint32_t)data;
    fs->clusters = (total - fs->data_lba) / cs;
    // FAT32 by the boot sector's shape (no 16-bit FAT size), as Linux
    // decides; FAT12 or FAT16 by the count of clusters, as the specification does
    fs->bits = b->fat16_sectors == 0 ? 32 : fs->clusters < 4085 ? 12 : 16;
    if (fs->bits == 12)
        return fail(fs, -EINVAL, "it is FAT12, which is not read (only FAT16 and FAT32)");
    if ((fs->bits == 16) != (fs->root_sectors != 0))
        return fail(fs, -EINVAL, "its FAT type and its root directory do not agree");
    if ((uint64_t)fat_size * BLK_SECTOR_SIZE / (fs->bits / 8) < fs->clusters + 2)
        return fail(fs, -EINVAL, "its FAT is too small for its clusters");
    if (fs->bits == 32) {
        active = b->ext_flags & 0x80 ? b->ext_flags & 15u : 0;
        if (active >= b->fats)
            return fail(fs, -EINVAL, "its boot sector names a FAT it does not have");
        fs->fat_lba += active * fat_size;
        fs->root_cluster = b->root_cluster;
        if (fs->root_cluster < 2 || fs->root_cluster >= fs->clusters + 2)
            return fail(fs, -EINVAL, "its root directory's cluster lies outside the volume");
    }
    return 0;
}

// the FAT's entry for cluster c (2 <= c < clusters + 2, so it lies in the FAT)
static int fat_next(struct fat_fs *fs, uint32_t c, uint32_t *next)
{
    uint32_t at = c * (fs->bits / 8), lba = fs->fat_lba + at / BLK_SECTOR_SIZE;
    const uint8_t *p = fs->fat_buf + at % BLK_SECTOR_SIZE;
    int err;

    if (fs->fat_cached != lba) {
        fs->fat_cached = 0;
        if ((err = blk_read(fs->dev, lba, 1, fs->fat_buf)) < 0)
            return fail(fs, err, "its FAT cannot be read");
        fs->fat_cached = lba;
    }
    *next = fs->bits == 16 ? (uint32_t)(p[0] | p[1] << 8)
                           : (p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24) & 0x0fffffff;
    return 0;
}

static int walk_enter(struct fat_fs *fs, struct fat_walk *w, uint32_t cluster)
{
    if (cluster < 2 || cluster >= fs->clusters + 2)
        return fail(fs, -EINVAL, "a cluster chain leads outside the volume");
    if (++w->steps > fs->clusters)
        return fail(fs, -ELOOP, "a cluster chain loops");
    w->cluster = cluster;
    w->lba = fs->data_lba + (cluster - 2) * fs->cluster_sectors;
    w->left = fs->cluster_sectors;
    return 0;
}

// cluster 0: FAT16's fixed root directory
static int walk_start(struct fat_fs *fs, struct fat_walk *w, uint32_t cluster)
{
    w->steps = 0;
    if (cluster != 0)
        return walk_enter(fs, w, cluster);
    w->cluster = 0;
    w->lba = fs->root_lba;
    w->left = fs->root_sectors;
    return 0;
}

// on to the next cluster of the chain: 1, 0 at its end, or a negative errno
static int walk_link(struct fat_fs *fs, struct fat_walk *w)
{
    uint32_t next;
    int err;

    if ((err = fat_next(fs, w->cluster, &next)) < 0)
        return err;
    if (next >= (fs->bits == 16 ? 0xfff8u : 0x0ffffff8u))
        return 0;
    return (err = walk_enter(fs, w, next)) < 0 ? err : 1;
}

// the walk's next sector into fs->buf: 1, 0 at the end, or a negative errno
static int walk_next(struct fat_fs *fs, struct fat_walk *w)
{
    int err;

    if (w->left == 0) {
        if (w->cluster == 0)
            return 0;
        if ((err = walk_link(fs, w)) <= 0)
            return err;
    }
    if ((err = blk_read(fs->dev, w->lba, 1, fs->buf)) < 0)
        return fail(fs, err, "a sector of it cannot be read");
    w->lba++;
    w->left--;
    return 1;
}

// one long-name piece into fs->lfn; a piece out of order breaks the name
static void lfn_piece(struct fat_fs *fs, struct fat_lfn *l, const uint8_t *e)
{
    int ord = e[0] & 0x1f, i;

    if (e[0] & LFN_LAST) {
        l->next = ord >= 1 && ord * LFN_CHARS <= FAT_LFN_MAX ? ord : -1;
        l->sum = e[13];
        if (l->next > 0)
            fs->lfn[ord * LFN_CHARS] = 0;
    }
    if (l->next < 1 || ord != l->next || e[13] != l->sum) {
        l->next = -1;
        return;
    }
    for (i = 0; i < LFN_CHARS; i++)
        fs->lfn[(ord - 1) * LFN_CHARS + i] = e[lfn_offsets[i]] | e[lfn_offsets[i] + 1] << 8;
    l->next--;
}

static uint8_t lfn_checksum(const uint8_t name[11])
{
    uint8_t sum = 0;
    int i;

    for (i = 0; i < 11; i++)
        sum = (uint8_t)(((sum & 1) << 7) + (sum >> 1) + name[i]);
    return sum;
}

static int lfn_is(const uint16_t *lfn, const char *name, size_t len)
{
    size_t i;

    if (len > FAT_LFN_MAX)
        return 0;
    for (i = 0; i < len; i++)
        if (lfn[i] == 0 || lfn[i] >= 0x80 || tolower(lfn[i]) != tolower((unsigned char)name[i]))
            return 0;
    return lfn[len] == 0;
}

// the 8.3 name as "NAME.EXT" (blanks dropped) against name
static int short_is(const uint8_t raw[11], const char *name, size_t len)
{
    char text[13];
    size_t n = 0;
    int i;

    for (i = 0; i < 8 && raw[i] != ' '; i++)
        text[n++] = raw[i];
    if (raw[8] != ' ')
        text[n++] = '.';
    for (i = 8; i < 11 && raw[i] != ' '; i++)
        text[n++] = raw[i];
    if (n != len)
        return 0;
    for (i = 0; i < (int)n; i++)
        if (tolower((unsigned char)text[i]) != tolower((unsigned char)name[i]))
            return 0;
    return 1;
}

static void found(struct fat_fs *fs, const struct fat_dirent *e, struct fat_file *f)
{
    f->dir = (e->attr & ATTR_DIR) != 0;
    f->size = f->dir ? 0 : e->size;
    f->cluster = (fs->bits == 32 ? (uint32_t)e->cluster_hi << 16 : 0) | e->cluster_lo;
    if (f->dir && f->cluster == 0)              // ".." of a directory in the root
        f->cluster = fs->root_cluster;
}

// name (len bytes) in directory dir
static int find(struct fat_fs *fs, const struct fat_file *dir, const char *name, size_t len,
                struct fat_file *f)
{
    struct fat_walk w;
    struct fat_lfn l = { -1, 0 };
    int r, i;

    if ((r = walk_start(fs, &w, dir->cluster)) < 0)
        return r;
    while ((r = walk_next(fs, &w)) > 0) {
        for (i = 0; i < BLK_SECTOR_SIZE; i += 32) {
            const struct fat_dirent *e = (const void *)(fs->buf + i);
            if (e->name[0] == 0)
                return fail(fs, -ENOENT, "no such file");
            if (e->name[0] == 0xe5) {
                l.next = -1;
            } else if (e->attr == ATTR_LFN) {
                lfn_piece(fs, &l, fs->buf + i);
            } else if (e->attr & ATTR_VOLUME) {
                l.next = -1;
            } else if ((l.next == 0 && l.sum == lfn_checksum(e->name) && lfn_is(fs->lfn, name, len)) ||
                       short_is(e->name, name, len)) {
                found(fs, e, f);
                return 0;
            } else {
                l.next = -1;
            }
        }
    }
    return r < 0 ? r : fail(fs, -ENOENT, "no such file");
}

int fat_lookup(struct fat_fs *fs, const char *path, struct fat_file *f)
{
    struct fat_file dir;
    size_t len;
    int err;

    f->cluster = fs->root_cluster;
    f->size = 0;
    f->dir = 1;
    for (;;) {
        while (*path == '/')
            path++;
        if (!*path)
            return 0;
        for (len = 0; path[len] && path[len] != '/'; len++)
            ;
        if (!f->dir)
            return fail(fs, -ENOTDIR, "a name in the path is a file, not a directory");
        dir = *f;
        if ((err = find(fs, &dir, path, len, f)) < 0)
            return err;
        path += len;
    }
}

// The chain of a file must have exactly the clusters its size needs: so a
// loop among the clusters read (which would repeat bytes) is found too, as
// a chain that does not end where the file does.
int fat_read(struct fat_fs *fs, const struct fat_file *f, void *buf, uint32_t max)
{
    struct fat_walk w;
    uint8_t *out = buf;
    uint32_t n = f->size < max ? f->size : max, done = 0, chunk;
    uint64_t need = ((uint64_t)f->size + fs->cluster_sectors * BLK_SECTOR_SIZE - 1) /
                    (fs->cluster_sectors * BLK_SECTOR_SIZE);
    int r;

    if (f->dir)
        return fail(fs, -EISDIR, "it is a directory");
    if (f->size == 0)
        return 0;
    if (f->cluster == 0 || need > fs->clusters)
        return fail(fs, -EINVAL, "its size does not fit its first cluster or the volume");
    if ((r = walk_start(fs, &w, f->cluster)) < 0)
        return r;
    while (done < n) {
        if ((r = walk_next(fs, &w)) <= 0)
            return r < 0 ? r : fail(fs, -EINVAL, "its cluster chain ends before the file does");
        chunk = n - done < BLK_SECTOR_SIZE ? n - done : BLK_SECTOR_SIZE;
        memcpy(out + done, fs->buf, chunk);
        done += chunk;
    }
    while (w.steps < need)
        if ((r = walk_link(fs, &w)) <= 0)
            return r < 0 ? r : fail(fs, -EINVAL, "its cluster chain ends before the file does");
    if ((r = walk_link(fs, &w)) != 0)
        return r < 0 ? r : fail(fs, -ELOOP, "its cluster chain loops or runs on past the file's end");
    return (int)n;
}
