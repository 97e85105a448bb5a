/*
 * sshkeyword: the ssh_config keywords, in two tables: the ones whose
 * values we use, with their kinds, and every keyword ssh accepts (the
 * rest are checked for syntax and ignored). Pure and read-only.
 */
#include <stddef.h>
#include <string.h>
#include <strings.h>

#include "keyword.h"
#include "sshkeyword.h"

static const struct {
	const char *name;
	enum sshkeyword kw;
} used_keywords[] = {
    {"Host", SSHKEYWORD_HOST},
    {"Match", SSHKEYWORD_MATCH},
    {"Include", SSHKEYWORD_INCLUDE},
    {"IgnoreUnknown", SSHKEYWORD_IGNOREUNKNOWN},
    {"HostName", SSHKEYWORD_HOSTNAME},
    {"Port", SSHKEYWORD_PORT},
    {"User", SSHKEYWORD_USER},
    {"IdentityFile", SSHKEYWORD_IDENTITYFILE},
    {"IdentityFile2",
	SSHKEYWORD_IDENTITYFILE}, /* an old alias, still honoured */
    {"IdentitiesOnly", SSHKEYWORD_IDENTITIESONLY},
    {"ProxyJump", SSHKEYWORD_PROXYJUMP},
    {"ProxyCommand", SSHKEYWORD_PROXYCOMMAND},
    {"StrictHostKeyChecking", SSHKEYWORD_STRICT},
    {"UserKnownHostsFile", SSHKEYWORD_KNOWNHOSTS},
    {"ConnectTimeout", SSHKEYWORD_CONNECTTIMEOUT},
};
#define NUSED (sizeof(used_keywords) / sizeof(used_keywords[0]))

/*
 * Every keyword of ssh_config(5) up to OpenSSH 10 (client side), with the
 * deprecated and Debian-only ones ssh 9.2 still accepts. The ones after
 * 9.2 are ChannelTimeout, ObscureKeystrokeTiming, RefuseConnection, Tag
 * and WarnWeakCrypto.
 */
static const char *const keyword_names[] = {"AddKeysToAgent", "AddressFamily",
    "AFSTokenPassing", "BatchMode", "BindAddress", "BindInterface",
    "CanonicalDomains", "CanonicalizeFallbackLocal", "CanonicalizeHostname",
    "CanonicalizeMaxDots", "CanonicalizePermittedCNAMEs",
    "CASignatureAlgorithms", "CertificateFile",
    "ChallengeResponseAuthentication", "ChannelTimeout", "CheckHostIP",
    "Cipher", "Ciphers", "ClearAllForwardings", "Compression",
    "CompressionLevel", "ConnectionAttempts", "ConnectTimeout", "ControlMaster",
    "ControlPath", "ControlPersist", "DSAAuthentication", "DynamicForward",
    "EnableEscapeCommandline", "EnableSSHKeysign", "EscapeChar",
    "ExitOnForwardFailure", "FallBackToRsh", "FingerprintHash",
    "ForkAfterAuthentication", "ForwardAgent", "ForwardX11",
    "ForwardX11Timeout", "ForwardX11Trusted", "GatewayPorts",
    "GlobalKnownHostsFile", "GlobalKnownHostsFile2", "GSSAPIAuthentication",
    "GSSAPIClientIdentity", "GSSAPIDelegateCredentials", "GSSAPIKeyExchange",
    "GSSAPIKexAlgorithms", "GSSAPIRenewalForcesRekey", "GSSAPIServerIdentity",
    "GSSAPITrustDns", "HashKnownHosts", "Host", "HostbasedAcceptedAlgorithms",
    "HostbasedAuthentication", "HostbasedKeyTypes", "HostKeyAlgorithms",
    "HostKeyAlias", "HostName", "IdentitiesOnly", "IdentityAgent",
    "IdentityFile", "IdentityFile2", "IgnoreUnknown", "Include", "IPQoS",
    "KbdInteractiveAuthentication", "KbdInteractiveDevices", "KeepAlive",
    "KerberosAuthentication", "KerberosTGTPassing", "KexAlgorithms",
    "KnownHostsCommand", "LocalCommand", "LocalForward", "LogLevel",
    "LogVerbose", "MACs", "Match", "NoHostAuthenticationForLocalhost",
    "NumberOfPasswordPrompts", "ObscureKeystrokeTiming",
    "PasswordAuthentication", "PermitLocalCommand", "PermitRemoteOpen",
    "PKCS11Provider", "Port", "PreferredAuthentications", "Protocol",
    "ProtocolKeepAlives", "ProxyCommand", "ProxyJump", "ProxyUseFdpass",
    "PubkeyAcceptedAlgorithms", "PubkeyAcceptedKeyTypes",
    "PubkeyAuthentication", "RefuseConnection", "RekeyLimit", "RemoteCommand",
    "RemoteForward", "RequestTTY", "RequiredRSASize", "RevokedHostKeys",
    "RhostsAuthentication", "RhostsRSAAuthentication", "RSAAuthentication",
    "SecurityKeyProvider", "SendEnv", "ServerAliveCountMax",
    "ServerAliveInterval", "SessionType", "SetEnv", "SetupTimeOut",
    "SkeyAuthentication", "SmartcardDevice", "StdinNull", "StreamLocalBindMask",
    "StreamLocalBindUnlink", "StrictHostKeyChecking", "SyslogFacility", "Tag",
    "TCPKeepAlive", "TISAuthentication", "Tunnel", "TunnelDevice",
    "UpdateHostKeys", "UseBlacklistedKeys", "UsePrivilegedPort", "User",
    "UserKnownHostsFile", "UserKnownHostsFile2", "UseRoaming", "UseRsh",
    "VerifyHostKeyDNS", "VisualHostKey", "WarnWeakCrypto", "XAuthLocation",
    NULL};

const char *
sshkeyword_find(const char *word, enum sshkeyword *kw)
{
	size_t i;

	for (i = 0; i < NUSED; i++)
		if (strcasecmp(word, used_keywords[i].name) == 0) {
			*kw = used_keywords[i].kw;
			return used_keywords[i].name;
		}
	for (i = 0; keyword_names[i] != NULL; i++)
		if (strcasecmp(word, keyword_names[i]) == 0) {
			*kw = SSHKEYWORD_OTHER;
			return keyword_names[i];
		}
	return NULL;
}

const char *
sshkeyword_suggest(const char *word)
{
	size_t i, d, best = 3, len = strlen(word), klen;
	const char *found = NULL;

	for (i = 0; keyword_names[i] != NULL; i++) {
		/* The distance is at least the difference in length. */
		klen = strlen(keyword_names[i]);
		if (klen >= len + best || len >= klen + best)
			continue;
		d = keyword_distance(word, keyword_names[i], KEYWORD_ANY_CASE);
		if (d < best) {
			best = d;
			found = keyword_names[i];
		}
	}
	return found;
}

const char *const *
sshkeyword_names(void)
{
	return keyword_names;
}
