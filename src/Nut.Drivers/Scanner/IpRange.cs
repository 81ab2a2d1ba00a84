using System.Net;
using System.Net.Sockets;
using System.Numerics;

namespace Nut.Drivers.Scanner;

/// <summary>
/// The address range of a network scan, as nut-scanner takes it: -s/-e (either alone means one address; given the
/// wrong way round they are swapped) or -m CIDR (network address to broadcast address, both included). IPv4 or IPv6;
/// a host name resolves to its first address of the family tried. Addresses print in their numeric form.
/// </summary>
public sealed class IpRange
{
    /// <summary>Refuses to walk absurd ranges (an IPv6 /64 would never end); NUT has no such limit.</summary>
    public const int MaxAddresses = 1 << 20;

    readonly BigInteger _first, _last;
    readonly AddressFamily _family;

    IpRange(AddressFamily family, BigInteger first, BigInteger last)
    {
        _family = family;
        (_first, _last) = first <= last ? (first, last) : (last, first);
    }

    public BigInteger Count => _last - _first + 1;

    /// <summary>The range from start to stop, or null and NUT's message ("Invalid address : X") when one is bad.</summary>
    public static IpRange? FromEnds(string start, string stop, out string? error)
    {
        error = null;
        var a = Resolve(start, null);
        if (a is null)
        {
            error = $"Invalid address : {start}";
            return null;
        }
        var b = Resolve(stop, a.AddressFamily);
        if (b is null)
        {
            error = $"Invalid address : {stop}";
            return null;
        }
        return new IpRange(a.AddressFamily, ToNumber(a), ToNumber(b));
    }

    /// <summary>The -m range "address/bits"; null when it cannot be read (NUT then scans nothing). A mask below 1 is
    /// NUT's fatal "Bad netmask".</summary>
    public static IpRange? FromCidr(string cidr, out string? error)
    {
        error = null;
        int slash = cidr.IndexOf('/');
        if (slash < 0)
            return null;
        string mask = cidr[(slash + 1)..];
        int bits = LeadingInt(mask);
        if (bits < 1)
        {
            error = $"Bad netmask: {mask}";
            return null;
        }
        var a = Resolve(cidr[..slash], null);
        if (a is null)
            return null;
        int width = a.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        bits = Math.Min(bits, width);
        var hostMask = (BigInteger.One << (width - bits)) - 1;
        var n = ToNumber(a);
        return new IpRange(a.AddressFamily, n & ~hostMask, n | hostMask);
    }

    /// <summary>Every address of the range, in order, as text.</summary>
    public IEnumerable<string> Addresses()
    {
        int width = _family == AddressFamily.InterNetwork ? 4 : 16;
        for (var n = _first; n <= _last; n++)
        {
            var bytes = n.ToByteArray(isUnsigned: true, isBigEndian: true);
            var full = new byte[width];
            bytes.CopyTo(full, width - bytes.Length);
            yield return new IPAddress(full).ToString();
        }
    }

    static IPAddress? Resolve(string text, AddressFamily? family)
    {
        if (IPAddress.TryParse(text, out var ip))
            return family is null || ip.AddressFamily == family ? ip : null;
        try
        {
            return Dns.GetHostAddresses(text).FirstOrDefault(x =>
                family is null ? x.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6 : x.AddressFamily == family);
        }
        catch (Exception e) when (e is SocketException or ArgumentException)
        {
            return null;
        }
    }

    static BigInteger ToNumber(IPAddress ip) => new(ip.GetAddressBytes(), isUnsigned: true, isBigEndian: true);

    static int LeadingInt(string s)
    {
        int i = 0, v = 0;
        while (i < s.Length && char.IsAsciiDigit(s[i]) && v < 1000)
            v = v * 10 + (s[i++] - '0');
        return v;
    }
}
