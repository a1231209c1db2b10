/* null_milter.c - the do-nothing milter of the throughput benchmark.
 *
 * usage: null-milter SOCKET      (unix:/path, inet:PORT@HOST)
 *
 * Every callback answers SMFIS_CONTINUE, so Postfix sends the whole dialogue,
 * headers and body included, and changes nothing. What it costs is the price
 * of the milter protocol itself: the floor under any real milter. Runs in the
 * foreground until SIGTERM or SIGINT, then prints how many messages it saw
 * (so that a benchmark can tell that Postfix really used it).
 */
#include <libmilter/mfapi.h>

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

static unsigned long messages; /* seen to the end */

static sfsistat on_connect(SMFICTX *ctx, char *host, _SOCK_ADDR *addr) { return SMFIS_CONTINUE; }
static sfsistat on_helo(SMFICTX *ctx, char *name) { return SMFIS_CONTINUE; }
static sfsistat on_envfrom(SMFICTX *ctx, char **argv) { return SMFIS_CONTINUE; }
static sfsistat on_envrcpt(SMFICTX *ctx, char **argv) { return SMFIS_CONTINUE; }
static sfsistat on_header(SMFICTX *ctx, char *name, char *value) { return SMFIS_CONTINUE; }
static sfsistat on_eoh(SMFICTX *ctx) { return SMFIS_CONTINUE; }
static sfsistat on_body(SMFICTX *ctx, unsigned char *chunk, size_t size) { return SMFIS_CONTINUE; }
static sfsistat on_eom(SMFICTX *ctx)
{
    __atomic_fetch_add(&messages, 1, __ATOMIC_RELAXED);
    return SMFIS_CONTINUE;
}
static sfsistat on_abort(SMFICTX *ctx) { return SMFIS_CONTINUE; }
static sfsistat on_close(SMFICTX *ctx) { return SMFIS_CONTINUE; }
static sfsistat on_unknown(SMFICTX *ctx, const char *cmd) { return SMFIS_CONTINUE; }
static sfsistat on_data(SMFICTX *ctx) { return SMFIS_CONTINUE; }

static struct smfiDesc description = {
    "null-milter", SMFI_VERSION, 0, /* no modifications */
    on_connect, on_helo, on_envfrom, on_envrcpt, on_header, on_eoh, on_body,
    on_eom, on_abort, on_close, on_unknown, on_data, NULL /* negotiate */,
};

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s SOCKET\n", argv[0]);
        return 64;
    }
    if (smfi_setconn(argv[1]) != MI_SUCCESS || smfi_register(description) != MI_SUCCESS ||
        smfi_opensocket(1) != MI_SUCCESS) {
        fprintf(stderr, "%s: cannot open %s\n", argv[0], argv[1]);
        return 71;
    }
    /* Postfix's smtpd runs as user postfix: it must be able to connect. */
    if (strncmp(argv[1], "unix:", 5) == 0 && chmod(argv[1] + 5, 0666) != 0) {
        perror(argv[1] + 5);
        return 71;
    }
    fprintf(stderr, "%s: started: %s\n", argv[0], argv[1]);
    int status = smfi_main() == MI_SUCCESS ? 0 : 1;
    fprintf(stderr, "%s: stopped: %lu messages\n", argv[0], __atomic_load_n(&messages, __ATOMIC_RELAXED));
    return status;
}
