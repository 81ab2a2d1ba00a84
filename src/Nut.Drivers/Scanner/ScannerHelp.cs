namespace Nut.Drivers.Scanner;

/// <summary>
/// nut-scanner's usage text, line for line as NUT 2.8.0 prints it with the USB and SNMP scans available and the
/// XML/HTTP, avahi and IPMI scans not (we do not implement those three, so we say so the way NUT does when their
/// library is missing).
/// </summary>
public static class ScannerHelp
{
    public const int DefaultThreads = 512;
    public const int DefaultTimeoutSeconds = 5;

    public static string Text { get; } = $"""
        nut-scanner : utility for detection of available power devices.

        OPTIONS:
          -C, --complete_scan: Scan all available devices except serial ports (default).
          -U, --usb_scan: Scan USB devices.
          -S, --snmp_scan: Scan SNMP devices using built-in mapping definitions.
        * Options for XML/HTTP devices scan not enabled: library not detected.
          -O, --oldnut_scan: Scan NUT devices (old method).
        * Options for NUT devices (avahi method) scan not enabled: library not detected.
        * Options for IPMI devices scan not enabled: library not detected.
          -E, --eaton_serial <serial ports list>: Scan serial Eaton devices (XCP, SHUT and Q1).
          -T, --thread <max number of threads>: Limit the amount of scanning threads running simultaneously (default: {DefaultThreads}).

        Network specific options:
          -t, --timeout <timeout in seconds>: network operation timeout (default {DefaultTimeoutSeconds}).
          -s, --start_ip <IP address>: First IP address to scan.
          -e, --end_ip <IP address>: Last IP address to scan.
          -m, --mask_cidr <IP address/mask>: Give a range of IP using CIDR notation.

        SNMP v1 specific options:
          -c, --community <community name>: Set SNMP v1 community name (default = public)

        SNMP v3 specific options:
          -l, --secLevel <security level>: Set the securityLevel used for SNMPv3 messages (allowed values: noAuthNoPriv, authNoPriv, authPriv)
          -u, --secName <security name>: Set the securityName used for authenticated SNMPv3 messages (mandatory if you set secLevel. No default)
          -w, --authProtocol <authentication protocol>: Set the authentication protocol (MD5, SHA, SHA256, SHA384, SHA512) used for authenticated SNMPv3 messages (default=MD5 if available)
          -W, --authPassword <authentication pass phrase>: Set the authentication pass phrase used for authenticated SNMPv3 messages (mandatory if you set secLevel to authNoPriv or authPriv)
          -x, --privProtocol <privacy protocol>: Set the privacy protocol (DES, AES, AES192, AES256) used for encrypted SNMPv3 messages (default=DES if available)
          -X, --privPassword <privacy pass phrase>: Set the privacy pass phrase used for encrypted SNMPv3 messages (mandatory if you set secLevel to authPriv)

        NUT specific options:
          -p, --port <port number>: Port number of remote NUT upsd

        display specific options:
          -N, --disp_nut_conf: Display result in the ups.conf format
          -P, --disp_parsable: Display result in a parsable format

        Miscellaneous options:
          -V, --version: Display NUT version
          -a, --available: Display available bus that can be scanned
          -q, --quiet: Display only scan result. No information on currently scanned bus is displayed.
          -D, --nut_debug_level: Raise the debugging level.  Use this multiple times to see more details.

        """;

    /// <summary>What NUT prints on stderr after the usage when an option was wrong or names a scan it cannot do.</summary>
    public const string OptionError = "\n\nWARNING: Some error has occurred while processing 'nut-scanner' command-line\n" +
        "arguments, see more details above the usage help text.\n\n";
}
