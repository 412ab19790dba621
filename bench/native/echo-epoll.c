/*
 * sockbench's native reference model, native-epoll: a minimal echo server on one thread and one
 * epoll set (level-triggered), in C, so that every report can show each Java model beside what
 * the same machine does without a JVM. It speaks the same protocol as the Java servers:
 *
 *   - the echo: length framing ([u32 big-endian length][payload], whole frames echoed, a length
 *     outside [16, --max-frame] closes the connection) or raw (bytes echoed as they come) on TCP
 *     and Unix stream; one datagram echoed per datagram on UDP;
 *   - the process lines: "LISTENING <endpoint>" on stdout when ready, and one
 *     "USAGE userCpuUs=.. sysCpuUs=.. voluntaryCtxSwitches=.. involuntaryCtxSwitches=.." per
 *     "USAGE" line on stdin (getrusage(RUSAGE_SELF)); SIGTERM or SIGINT: close, remove the socket
 *     file and its private folder, exit 0; bad input: one line on stderr, exit 2.
 *
 * Options as the Java server's: --transport, --bind, --port, --path, --framing, --max-frame;
 * --model, --threads and --pinned-events are accepted and ignored (one thread, no JVM).
 * When accept fails for lack of descriptors it stops watching the listener for 1 s (as Netty and
 * the Java models do) instead of spinning on it, and counts the failure (acceptFailures in USAGE).
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

enum transport { TCP, UDP, UNIX_STREAM };
enum { HEADER_BYTES = 16, PREFIX_BYTES = 4, READ_CHUNK = 64 * 1024, ACCEPT_BACKOFF_MS = 1000 };

/* Tags for epoll data: connections carry their struct pointer, these the fixed roles. */
static int listener_tag, stdin_tag, signal_tag;

struct conn {
    int fd;
    unsigned char *buf; /* bytes read and not yet echoed: [out, len) */
    size_t cap, len, out;
    size_t frames_end; /* raw: len; length framing: end of the last whole frame in buf */
    int writing;       /* waiting for EPOLLOUT: input is not read meanwhile */
};

static int epfd, lfd, sfd;
static enum transport transport = TCP;
static int raw_framing;
static long max_frame = 1L << 20;
static char socket_path[sizeof(((struct sockaddr_un *)0)->sun_path)];
static char private_dir[64];

static void die_usage(const char *fmt, const char *arg) {
    fprintf(stderr, "native-epoll: ");
    fprintf(stderr, fmt, arg);
    fputc('\n', stderr);
    exit(2);
}

static long parse_bytes(const char *s) {
    char *end;
    long v = strtol(s, &end, 10);
    if (end == s || v < 0) die_usage("not a size: %s", s);
    if (strcmp(end, "KiB") == 0) v <<= 10;
    else if (strcmp(end, "MiB") == 0) v <<= 20;
    else if (*end != '\0' && strcmp(end, "B") != 0) die_usage("not a size: %s", s);
    return v;
}

static void watch(int fd, uint32_t events, void *tag, int op) {
    struct epoll_event ev = {.events = events, .data.ptr = tag};
    if (epoll_ctl(epfd, op, fd, &ev) < 0 && op != EPOLL_CTL_DEL) {
        perror("native-epoll: epoll_ctl");
        exit(1);
    }
}

static void nonblocking(int fd) { fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK); }

static void close_conn(struct conn *c) {
    epoll_ctl(epfd, EPOLL_CTL_DEL, c->fd, NULL);
    close(c->fd);
    free(c->buf);
    free(c);
}

/* Advances frames_end over the whole frames after it; -1 when a length is out of range. */
static int scan_frames(struct conn *c) {
    if (raw_framing) {
        c->frames_end = c->len;
        return 0;
    }
    while (c->len - c->frames_end >= PREFIX_BYTES) {
        const unsigned char *p = c->buf + c->frames_end;
        uint32_t n = (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
        if (n < HEADER_BYTES || n > (uint64_t)max_frame) return -1;
        if (c->len - c->frames_end < PREFIX_BYTES + (size_t)n) break;
        c->frames_end += PREFIX_BYTES + n;
    }
    return 0;
}

/* Writes the whole frames read so far; 0 when all are out, 1 when the socket is full, -1 on error. */
static int flush_conn(struct conn *c) {
    while (c->out < c->frames_end) {
        ssize_t n = write(c->fd, c->buf + c->out, c->frames_end - c->out);
        if (n < 0) return errno == EAGAIN ? 1 : -1;
        c->out += (size_t)n;
    }
    /* Keep only the partial frame at the end. */
    memmove(c->buf, c->buf + c->out, c->len - c->out);
    c->len -= c->out;
    c->frames_end -= c->out;
    c->out = 0;
    return 0;
}

static void on_conn(struct conn *c, uint32_t events) {
    if (c->writing) {
        int r = flush_conn(c);
        if (r < 0) { close_conn(c); return; }
        if (r == 0) { c->writing = 0; watch(c->fd, EPOLLIN, c, EPOLL_CTL_MOD); }
        return;
    }
    if (!(events & (EPOLLIN | EPOLLHUP | EPOLLERR))) return;
    size_t room_needed = READ_CHUNK;
    if (c->cap - c->len < room_needed) {
        size_t cap = c->cap ? c->cap : READ_CHUNK;
        while (cap - c->len < room_needed) cap *= 2;
        if (cap > (size_t)max_frame + PREFIX_BYTES + READ_CHUNK) cap = (size_t)max_frame + PREFIX_BYTES + READ_CHUNK;
        unsigned char *b = realloc(c->buf, cap);
        if (!b) { close_conn(c); return; }
        c->buf = b;
        c->cap = cap;
    }
    ssize_t n = read(c->fd, c->buf + c->len, c->cap - c->len);
    if (n == 0 || (n < 0 && errno != EAGAIN)) { close_conn(c); return; }
    if (n < 0) return;
    c->len += (size_t)n;
    if (scan_frames(c) < 0) { close_conn(c); return; }
    int r = flush_conn(c);
    if (r < 0) { close_conn(c); return; }
    if (r == 1) { c->writing = 1; watch(c->fd, EPOLLOUT, c, EPOLL_CTL_MOD); }
}

static long long now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

static long long accept_paused_until; /* 0: the listener is watched */
static long accept_failures;

static void on_listener(void) {
    for (;;) {
        int fd = accept4(lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) {
            if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
                accept_failures++;
                epoll_ctl(epfd, EPOLL_CTL_DEL, lfd, NULL);
                accept_paused_until = now_ms() + ACCEPT_BACKOFF_MS;
            }
            return;
        }
        if (transport == TCP) {
            int one = 1;
            setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        }
        struct conn *c = calloc(1, sizeof *c);
        if (!c) { close(fd); continue; }
        c->fd = fd;
        watch(fd, EPOLLIN, c, EPOLL_CTL_ADD);
    }
}

static void on_datagrams(void) {
    static unsigned char buf[65536];
    for (int i = 0; i < 64; i++) {
        struct sockaddr_storage from;
        socklen_t fromlen = sizeof from;
        ssize_t n = recvfrom(lfd, buf, sizeof buf, 0, (struct sockaddr *)&from, &fromlen);
        if (n < 0) return;
        sendto(lfd, buf, (size_t)n, 0, (struct sockaddr *)&from, fromlen);
    }
}

static void on_stdin(void) {
    static char line[256];
    static size_t used;
    ssize_t n = read(0, line + used, sizeof line - 1 - used);
    if (n == 0 || (n < 0 && errno != EAGAIN)) {
        epoll_ctl(epfd, EPOLL_CTL_DEL, 0, NULL); /* nobody to answer: serve on */
        return;
    }
    if (n < 0) return;
    used += (size_t)n;
    char *start = line, *nl;
    while ((nl = memchr(start, '\n', used - (size_t)(start - line)))) {
        *nl = '\0';
        if (nl > start && nl[-1] == '\r') nl[-1] = '\0';
        if (strcmp(start, "USAGE") == 0) {
            struct rusage u;
            getrusage(RUSAGE_SELF, &u);
            printf("USAGE userCpuUs=%lld sysCpuUs=%lld voluntaryCtxSwitches=%ld involuntaryCtxSwitches=%ld"
                   " acceptFailures=%ld\n",
                   (long long)u.ru_utime.tv_sec * 1000000 + u.ru_utime.tv_usec,
                   (long long)u.ru_stime.tv_sec * 1000000 + u.ru_stime.tv_usec, u.ru_nvcsw, u.ru_nivcsw,
                   accept_failures);
            fflush(stdout);
        }
        start = nl + 1;
    }
    used -= (size_t)(start - line);
    memmove(line, start, used);
    if (used == sizeof line - 1) used = 0; /* an overlong line: not a command */
}

static void cleanup(void) {
    if (socket_path[0]) unlink(socket_path);
    if (private_dir[0]) rmdir(private_dir);
}

static int bind_inet(const char *host, const char *port, char *endpoint, size_t size) {
    struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_flags = AI_NUMERICSERV | AI_PASSIVE,
                             .ai_socktype = transport == UDP ? SOCK_DGRAM : SOCK_STREAM};
    struct addrinfo *ai;
    int rc = getaddrinfo(host, port, &hints, &ai);
    if (rc != 0) die_usage("cannot resolve --bind %s", host);
    int fd = socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (fd < 0 || bind(fd, ai->ai_addr, ai->ai_addrlen) < 0) {
        fprintf(stderr, "native-epoll: cannot serve on %s port %s: %s\n", host, port, strerror(errno));
        exit(2);
    }
    struct sockaddr_storage bound;
    socklen_t len = sizeof bound;
    getsockname(fd, (struct sockaddr *)&bound, &len);
    char addr[INET6_ADDRSTRLEN];
    int bound_port;
    const char *scheme = transport == UDP ? "udp" : "tcp";
    if (bound.ss_family == AF_INET6) {
        struct sockaddr_in6 *a = (struct sockaddr_in6 *)&bound;
        inet_ntop(AF_INET6, &a->sin6_addr, addr, sizeof addr);
        bound_port = ntohs(a->sin6_port);
        snprintf(endpoint, size, "%s://[%s]:%d", scheme, addr, bound_port);
    } else {
        struct sockaddr_in *a = (struct sockaddr_in *)&bound;
        inet_ntop(AF_INET, &a->sin_addr, addr, sizeof addr);
        bound_port = ntohs(a->sin_port);
        snprintf(endpoint, size, "%s://%s:%d", scheme, addr, bound_port);
    }
    freeaddrinfo(ai);
    return fd;
}

static int bind_unix(const char *path, char *endpoint, size_t size) {
    if (!path) {
        snprintf(private_dir, sizeof private_dir, "/tmp/sockbench-native-XXXXXX");
        if (!mkdtemp(private_dir)) { perror("native-epoll: mkdtemp"); exit(2); }
        chmod(private_dir, 0700);
        snprintf(socket_path, sizeof socket_path, "%s/echo.sock", private_dir);
    } else {
        if (strlen(path) >= sizeof socket_path) die_usage("--path %s is too long for a Unix socket", path);
        snprintf(socket_path, sizeof socket_path, "%s", path);
    }
    struct sockaddr_un a = {.sun_family = AF_UNIX};
    memcpy(a.sun_path, socket_path, strlen(socket_path) + 1);
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    int ok = fd >= 0 && bind(fd, (struct sockaddr *)&a, sizeof a) == 0;
    if (!ok && fd >= 0 && errno == EADDRINUSE) {
        /* A file left by a server that is gone (nobody accepts on it) is replaced; a live one is not. */
        int probe = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        int refused = connect(probe, (struct sockaddr *)&a, sizeof a) < 0 && errno == ECONNREFUSED;
        close(probe);
        ok = refused && unlink(socket_path) == 0 && bind(fd, (struct sockaddr *)&a, sizeof a) == 0;
        if (!refused) errno = EADDRINUSE;
    }
    if (!ok) {
        fprintf(stderr, "native-epoll: cannot serve on unix://%s: %s\n", socket_path,
                errno == EADDRINUSE ? "a running server owns this socket; stop it or choose another --path"
                                    : strerror(errno));
        socket_path[0] = '\0'; /* not ours: never removed */
        cleanup();
        exit(2);
    }
    snprintf(endpoint, size, "unix://%s", socket_path);
    return fd;
}

int main(int argc, char **argv) {
    const char *bind_host = "127.0.0.1", *port = "0", *path = NULL;
    for (int i = 1; i < argc; i++) {
        const char *opt = argv[i];
        if (strcmp(opt, "-h") == 0 || strcmp(opt, "--help") == 0) {
            printf("Usage: echo-epoll [--transport tcp|udp|unix-stream] [--bind HOST] [--port N] [--path FILE]\n"
                   "                  [--framing length|raw] [--max-frame BYTES]\n"
                   "sockbench's native reference echo server (one thread, level-triggered epoll).\n");
            return 0;
        }
        if (i + 1 >= argc) die_usage("%s needs a value", opt);
        const char *v = argv[++i];
        if (!strcmp(opt, "--transport") || !strcmp(opt, "-T")) {
            if (!strcmp(v, "tcp")) transport = TCP;
            else if (!strcmp(v, "udp")) transport = UDP;
            else if (!strcmp(v, "unix-stream")) transport = UNIX_STREAM;
            else die_usage("native-epoll cannot serve %s here: n/a (the reference server covers tcp, udp and unix-stream)", v);
        } else if (!strcmp(opt, "--bind")) bind_host = v;
        else if (!strcmp(opt, "--port") || !strcmp(opt, "-p")) port = v;
        else if (!strcmp(opt, "--path")) path = v;
        else if (!strcmp(opt, "--framing")) {
            if (!strcmp(v, "raw")) raw_framing = 1;
            else if (strcmp(v, "length") != 0) die_usage("unknown framing %s; accepted: length, raw", v);
        } else if (!strcmp(opt, "--max-frame")) max_frame = parse_bytes(v);
        else if (!strcmp(opt, "--model") || !strcmp(opt, "-m") || !strcmp(opt, "--threads")
                 || !strcmp(opt, "--pinned-events")) {
            /* accepted for the runner's sake; one thread, no JVM */
        } else die_usage("unknown option %s", opt);
    }
    signal(SIGPIPE, SIG_IGN);
    sigset_t mask;
    sigemptyset(&mask);
    sigaddset(&mask, SIGTERM);
    sigaddset(&mask, SIGINT);
    sigprocmask(SIG_BLOCK, &mask, NULL);
    sfd = signalfd(-1, &mask, SFD_NONBLOCK | SFD_CLOEXEC);

    char endpoint[sizeof socket_path + 64];
    lfd = transport == UNIX_STREAM ? bind_unix(path, endpoint, sizeof endpoint)
                                   : bind_inet(bind_host, port, endpoint, sizeof endpoint);
    if (transport != UDP && listen(lfd, 4096) < 0) { perror("native-epoll: listen"); cleanup(); return 2; }
    if (transport != UNIX_STREAM && strcmp(bind_host, "127.0.0.1") && strcmp(bind_host, "::1")
        && strcmp(bind_host, "localhost"))
        fprintf(stderr, "sockbench: warning: --bind %s is not a loopback address; this echo server is reachable from the network\n", bind_host);

    epfd = epoll_create1(EPOLL_CLOEXEC);
    watch(lfd, EPOLLIN, &listener_tag, EPOLL_CTL_ADD);
    watch(sfd, EPOLLIN, &signal_tag, EPOLL_CTL_ADD);
    nonblocking(0);
    struct epoll_event probe = {.events = EPOLLIN, .data.ptr = &stdin_tag};
    epoll_ctl(epfd, EPOLL_CTL_ADD, 0, &probe); /* fails for a regular file or /dev/null: then no commands */

    printf("LISTENING %s\n", endpoint);
    fflush(stdout);

    struct epoll_event events[256];
    for (;;) {
        int timeout = -1;
        if (accept_paused_until) {
            long long left = accept_paused_until - now_ms();
            if (left <= 0) {
                accept_paused_until = 0;
                watch(lfd, EPOLLIN, &listener_tag, EPOLL_CTL_ADD);
            } else timeout = (int)left;
        }
        int n = epoll_wait(epfd, events, 256, timeout);
        if (n < 0 && errno != EINTR) { perror("native-epoll: epoll_wait"); break; }
        for (int i = 0; i < n; i++) {
            void *tag = events[i].data.ptr;
            if (tag == &signal_tag) { cleanup(); return 0; }
            if (tag == &stdin_tag) on_stdin();
            else if (tag == &listener_tag) transport == UDP ? on_datagrams() : on_listener();
            else on_conn(tag, events[i].events);
        }
    }
    cleanup();
    return 1;
}
