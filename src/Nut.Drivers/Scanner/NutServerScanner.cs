using System.Net.Sockets;
using Nut.Client;

namespace Nut.Drivers.Scanner;

/// <summary>
/// -O: asks the upsd on each address for LIST UPS and proposes a <c>nutclient</c> section per UPS, port
/// <c>ups@host</c>, as NUT does. On a non-default port NUT 2.8.0 drops the port number (so its section points at the
/// wrong upsd); we append it, <c>ups@host:port</c>, as NUT 2.8.1 and later do (NUT issue #1815).
/// </summary>
public static class NutServerScanner
{
    public const int DefaultPort = 3493;

    public static IReadOnlyList<ScannedDevice> Probe(string host, int port, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            return ProbeAsync(host, port, timeout, cts.Token).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or TimeoutException or NutClientException)
        {
            return [];
        }
    }

    static async Task<IReadOnlyList<ScannedDevice>> ProbeAsync(string host, int port, TimeSpan timeout, CancellationToken ct)
    {
        await using var client = await NutClient.ConnectAsync(host, port, timeout: timeout, ct: ct).ConfigureAwait(false);
        client.Connection.Timeout = timeout;
        var list = await client.ListUpsAsync(ct).ConfigureAwait(false);
        string suffix = port == DefaultPort ? "" : ":" + port;
        return [.. list.Select(u => ScannedDevice.Of(ScanBus.NUT, "nutclient", $"{u.Name}@{host}{suffix}"))];
    }

    /// <summary>The -p value as NUT's upscli_splitaddr would take it; null when it is not a port number.</summary>
    public static int? ParsePort(string? text)
    {
        if (text is null)
            return DefaultPort;
        return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int p) && p is > 0 and < 65536 ? p : null;
    }
}
