// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/fs/ext2.h: the ext2 filesystem, read and write (kernel/fs/ext2.c: mount,
// superblock, groups, bitmaps; ext2_inode.c: inodes, block map, file data;
// ext2_dir.c: directory entries and path lookup; ext2_ops.c: namespace
// operations; ext2_orphan.c: inodes in use, the orphan list).  Files are
// named by inode number; every call reads what it needs through the block
// cache.  An inode someone uses (an open file, a mapping) is counted with
// ext2_ref and ext2_unref, so that deleting its last name frees it only at
// the last ext2_unref; any other inode is freed with its last name.
//
// Errors are negative errnos (kernel/lib/errno.h).  -EUCLEAN means the volume is
// corrupt; a message naming the inode or block has been printed.  Changes live
// in the cache until ext2_sync or ext2_umount.
#ifndef EXT2_H
#define EXT2_H
#include <stdint.h>
#include "dev/blk.h"

#define EXT2_ROOT_INO  2
#define EXT2_NAME_MAX  255
#define EXT2_PATH_MAX  4096     // a path with its NUL, as Linux's PATH_MAX
#define EXT2_SYMLOOP_MAX 40     // symlinks followed in one path lookup

#define EXT2_MOUNT_RDONLY 1

// Mode bits, as Linux's stat.h.
#define EXT2_S_IFMT   0170000
#define EXT2_S_IFSOCK 0140000
#define EXT2_S_IFLNK  0120000
#define EXT2_S_IFREG  0100000
#define EXT2_S_IFBLK  0060000
#define EXT2_S_IFDIR  0040000
#define EXT2_S_IFCHR  0020000
#define EXT2_S_IFIFO  0010000

struct ext2_fs;

struct ext2_stat {
    uint32_t ino;
    uint32_t mode;             // type and permission bits
    uint32_t nlink;
    uint32_t uid, gid;
    uint64_t size;
    uint64_t blocks;           // 512-byte units, as st_blocks
    uint32_t atime, mtime, ctime;
    uint32_t rdev;             // device files: Linux's 32-bit dev_t (below), else 0
};

// Device numbers as Linux's system calls and 32-bit stat fields carry them
// (new_encode_dev): minor bits 0-7 and 20-31, major bits 8-19.
#define EXT2_DEV_MAJOR(d) (((d) >> 8) & 0xfff)
#define EXT2_DEV_MINOR(d) (((d) & 0xff) | (((d) >> 12) & 0xfff00))
#define EXT2_MKDEV(ma, mi) ((((ma) & 0xfff) << 8) | ((mi) & 0xff) | (((mi) & 0xfff00) << 12))

// ext2_setattr: which fields of the ext2_stat to apply.
#define EXT2_SET_MODE  1       // permission bits only; the type stays
#define EXT2_SET_UID   2
#define EXT2_SET_GID   4
#define EXT2_SET_ATIME 8
#define EXT2_SET_MTIME 16

// ---- volume -------------------------------------------------------------
// The most a mount's block cache may grow to, in bytes (32 MiB unless set
// before: the kernel sizes it from the machine's memory, kernel/main.c).
extern uint32_t ext2_cache_bytes;
uint32_t ext2_cache_mib(const struct ext2_fs *fs);   // the limit the mount made
// Mounts the ext2 volume on dev.  Refuses (-EINVAL) unsupported incompatible
// features, naming them; mounts read-only when asked or when a read-only-
// compatible feature makes writing unsafe (then a message says so).
int ext2_mount(struct blkdev *dev, int flags, struct ext2_fs **out);
int ext2_sync(struct ext2_fs *fs);          // superblock, groups, cache to disk
// A sync when enough is dirty, so the cache keeps clean buffers to evict (a
// volume with a log never writes a dirty one back between syncs); called
// between operations, where the volume is consistent: after each system
// call, and between the pieces of a large write.
int ext2_commit_if_due(struct ext2_fs *fs);
// The preallocated file whose blocks hold the log that makes syncs atomic
// (kernel/fs/blocklog.c); tools/mkimage makes it.
#define EXT2_LOG_PATH "/log/commit-area"
int ext2_umount(struct ext2_fs *fs);        // sync, mark clean, free
int ext2_readonly(const struct ext2_fs *fs);
void ext2_uuid(const struct ext2_fs *fs, uint8_t uuid[16]);
void ext2_label(const struct ext2_fs *fs, char label[17]);   // NUL-terminated
// Formats a UUID as 36 characters plus NUL.
void ext2_uuid_str(const uint8_t uuid[16], char out[37]);
// Free and total blocks, for statfs.
void ext2_statfs(const struct ext2_fs *fs, uint64_t *block_size, uint64_t *blocks,
                 uint64_t *free_blocks, uint64_t *inodes, uint64_t *free_inodes);

// ---- files ----------------------------------------------------------------
int ext2_stat(struct ext2_fs *fs, uint32_t ino, struct ext2_stat *st);
int ext2_setattr(struct ext2_fs *fs, uint32_t ino, int mask, const struct ext2_stat *st);
// Reads up to n bytes at off; returns the count (0 at end of file).  Holes
// read as zeros.
int ext2_read(struct ext2_fs *fs, uint32_t ino, uint64_t off, void *buf, uint32_t n);
// Writes n bytes at off, growing the file; returns n or a negative errno.
int ext2_write(struct ext2_fs *fs, uint32_t ino, uint64_t off, const void *buf, uint32_t n);
int ext2_truncate(struct ext2_fs *fs, uint32_t ino, uint64_t size);
// One more user of inode ino (0, or -ENOMEM); ext2_unref drops one, and
// frees the inode when that was the last user and its names are gone.
int ext2_ref(struct ext2_fs *fs, uint32_t ino);
int ext2_unref(struct ext2_fs *fs, uint32_t ino);
// For a cache of file contents (the page cache, uvm.c): the version of
// inode ino's content, which changes at every write, truncate and at its
// free, and is never given twice while the volume is mounted (0: no version
// is kept).  ext2_content_hold keeps its version (0, or -ENOMEM) until
// ext2_content_release, without keeping the inode in use: an unlinked file
// only the cache holds is freed at once.  Holds must all be released
// before ext2_umount.
int ext2_content_hold(struct ext2_fs *fs, uint32_t ino, uint32_t *version);
void ext2_content_release(struct ext2_fs *fs, uint32_t ino);
uint32_t ext2_content_version(struct ext2_fs *fs, uint32_t ino);

// ---- names -----------------------------------------------------------------
// Names are (pointer, length), not NUL-terminated.  Every call checks that dir
// is a directory and that the name is 1..255 bytes without '/'.
int ext2_lookup(struct ext2_fs *fs, uint32_t dir, const char *name, uint32_t len,
                uint32_t *ino);
// Resolves a NUL-terminated path from cwd (absolute paths from the root).
// follow: whether a symlink as the last component is followed.
int ext2_namei(struct ext2_fs *fs, uint32_t cwd, const char *path, int follow,
               uint32_t *ino);
// Resolves all but the last component: *dir, and *name/*len pointing into path.
// A path ending in '/' or naming "." or ".." as last component gives -EINVAL
// unless its last component is an existing directory.
int ext2_namei_parent(struct ext2_fs *fs, uint32_t cwd, const char *path, uint32_t *dir,
                      const char **name, uint32_t *len);
int ext2_create(struct ext2_fs *fs, uint32_t dir, const char *name, uint32_t len,
                uint32_t mode, uint32_t uid, uint32_t gid, uint32_t *ino);
// ext2_create with a device number for character and block devices (mode's
// type S_IFCHR or S_IFBLK; rdev is ignored for other types).
int ext2_mknod(struct ext2_fs *fs, uint32_t dir, const char *name, uint32_t len,
               uint32_t mode, uint32_t rdev, uint32_t uid, uint32_t gid, uint32_t *ino);
int ext2_mkdir(struct ext2_fs *fs, uint32_t dir, const char *name, uint32_t len,
               uint32_t mode, uint32_t uid, uint32_t gid, uint32_t *ino);
int ext2_symlink(struct ext2_fs *fs, uint32_t dir, const char *name, uint32_t len,
                 const char *target, uint32_t uid, uint32_t gid, uint32_t *ino);
int ext2_link(struct ext2_fs *fs, uint32_t ino, uint32_t dir, const char *name, uint32_t len);
int ext2_unlink(struct ext2_fs *fs, uint32_t dir, const char *name, uint32_t len);
int ext2_rmdir(struct ext2_fs *fs, uint32_t dir, const char *name, uint32_t len);
// POSIX rename: replaces an existing target (a directory only by an empty
// directory), refuses to move a directory below itself (-EINVAL).
int ext2_rename(struct ext2_fs *fs, uint32_t odir, const char *oname, uint32_t olen,
                uint32_t ndir, const char *nname, uint32_t nlen);
// Copies the symlink's target into buf (not NUL-terminated); returns its length.
int ext2_readlink(struct ext2_fs *fs, uint32_t ino, char *buf, uint32_t size);

// Another filesystem mounted on a directory of the volume (kernel/file/procfs.c).
// Path resolution enters it where a lookup reaches that directory and asks
// it about its own inodes, numbered from EXT2_FOREIGN_INO on, which no
// inode of the volume reaches; any other ext2 call given one fails with
// -EACCES (it is read-only).  ".." of its root is the covered directory's.
#define EXT2_FOREIGN_INO 0x80000000u
struct ext2_mounted {
    uint32_t on;                // the directory it covers
    uint32_t root;              // its root's number
    int (*lookup)(uint32_t dir, const char *name, uint32_t len, uint32_t *ino);
    int (*mode)(uint32_t ino, uint32_t *mode);   // the inode's type and permissions
    // A symlink's target: its length, or 0 for a link that leads straight
    // to an inode (Linux's magic links, /proc/PID/fd/N), with *to set.
    int (*link)(uint32_t ino, char *buf, uint32_t size, uint32_t *to);
};
// m: what is mounted now, or NULL for nothing
void ext2_set_mounted(struct ext2_fs *fs, const struct ext2_mounted *m);

// Calls fn for each entry of directory ino from byte offset *cookie on (start
// at 0).  fn returns 0 to go on; non-zero stops, and that entry is not consumed
// (*cookie points at it).  Returns 0 at the end or when fn stopped.
typedef int (*ext2_dirent_fn)(void *ctx, const char *name, uint32_t len, uint32_t ino,
                              uint8_t type);
int ext2_readdir(struct ext2_fs *fs, uint32_t ino, uint64_t *cookie, ext2_dirent_fn fn,
                 void *ctx);
// the absolute path of directory ino (walking up through "..") into path,
// size bytes; its length
int ext2_dir_path(struct ext2_fs *fs, uint32_t ino, char *path, uint32_t size);
// File types given to ext2_dirent_fn (the on-disk filetype values).
#define EXT2_FT_UNKNOWN 0
#define EXT2_FT_REG     1
#define EXT2_FT_DIR     2
#define EXT2_FT_CHRDEV  3
#define EXT2_FT_BLKDEV  4
#define EXT2_FT_FIFO    5
#define EXT2_FT_SOCK    6
#define EXT2_FT_SYMLINK 7
#endif
