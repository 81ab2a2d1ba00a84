using Nut.Client;

namespace Nut.Tools.Clients;

/// <summary>What NUT's client programs share: connecting the way libupsclient does, and its messages.</summary>
public static class ClientToolSupport
{
    /// <summary>
    /// Connects; with <paramref name="trySsl"/> (upsc, upslog) STARTTLS is tried first, as Debian's NSS-built
    /// clients do — and like them we say on stderr that no certificate database is in use.
    /// </summary>
    public static async Task<NutClient> ConnectAsync(string host, int port, bool trySsl)
    {
        var client = await NutClient.ConnectAsync(host, port, tryTls: false).ConfigureAwait(false);
        if (trySsl)
        {
            Console.Error.Write("Init SSL without certificate database\n");
            string reply = await client.RawAsync("STARTTLS").ConfigureAwait(false);
            if (reply.StartsWith("OK STARTTLS", StringComparison.Ordinal))
            {
                if (NutClient.TlsUpgrade is null)
                    throw new NutClientException("SSL is not available");
                try
                {
                    await NutClient.TlsUpgrade(client.Connection, host, default).ConfigureAwait(false);
                }
                catch (Exception e) when (e is System.Security.Authentication.AuthenticationException or IOException)
                {
                    await client.DisposeAsync().ConfigureAwait(false);
                    throw new NutClientException("SSL handshake failed: " + e.Message);
                }
            }
        }
        return client;
    }

    /// <summary>"Error: &lt;text&gt;" on stderr, exit status 1.</summary>
    public static int Fail(string message)
    {
        Console.Error.Write($"Error: {message}\n");
        return 1;
    }

    public static void Out(string text)
    {
        Console.Out.Write(text);
        Console.Out.Flush();
    }
}
