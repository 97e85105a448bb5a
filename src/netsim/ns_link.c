/*
 * ns_link: the channel life a session channel and a forward share. The
 * state moves OPEN -> CLOSED (we sent close) -> DONE (the client's close
 * came too), or to DROP or ERROR, set by the channel's own code; only
 * the session frees a channel, once it is DONE.
 */
#include <stdint.h>

#include "ns_link.h"

static int
on_window(ssh_session ssh, ssh_channel c, uint32_t bytes, void *ud)
{
	(void)ssh;
	(void)c;
	(void)bytes;
	(void)ud;
	return 0; /* the channel's tick sends after this poll */
}

void
ns_link_start(
    struct ns_link *l, struct ns_conn *conn, ssh_channel ch, void *userdata)
{
	l->conn = conn;
	l->ch = ch;
	l->st = NS_CH_OPEN;
	l->ccb.userdata = userdata;
	l->ccb.channel_write_wontblock_function = on_window;
	ssh_callbacks_init(&l->ccb);
	ssh_set_channel_callbacks(ch, &l->ccb);
}

int
ns_link_settle(struct ns_link *l)
{
	if (l->st == NS_CH_CLOSED && l->remote_closed)
		l->st = NS_CH_DONE;
	return l->st == NS_CH_OPEN;
}

void
ns_link_close(struct ns_link *l)
{
	ssh_channel_close(l->ch);
	l->st = l->remote_closed ? NS_CH_DONE : NS_CH_CLOSED;
}

int
ns_link_send(struct ns_link *l, int is_stderr, const char *p, size_t len)
{
	uint32_t win = ssh_channel_window_size(l->ch);
	int rc;

	if (len > win)
		len = win;
	if (len == 0)
		return 0;
	rc = is_stderr ? ssh_channel_write_stderr(l->ch, p, (uint32_t)len)
		       : ssh_channel_write(l->ch, p, (uint32_t)len);
	return rc == SSH_ERROR ? -1 : rc;
}

void
ns_link_detach(struct ns_link *l)
{
	ssh_remove_channel_callbacks(l->ch, &l->ccb);
}
