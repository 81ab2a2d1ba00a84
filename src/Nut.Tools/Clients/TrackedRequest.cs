using Nut.Client;

namespace Nut.Tools.Clients;

/// <summary>
/// The shared end of upscmd and upsrw: log in, optionally turn tracking on, send the request, and report as
/// NUT does — "OK" on stderr; "Unexpected response from upsd: ..." and status 1; with -w, the driver's final
/// answer (even an ERR) on stderr and status 0, or a time-out.
/// </summary>
internal static class TrackedRequest
{
    public static async Task<int> RunAsync(NutClient client, string user, string password, bool wait, int timeoutSeconds,
        string request)
    {
        // NUT sends both unquoted and does not look at the answers (a password with a space fails later).
        await client.RawAsync("USERNAME " + user).ConfigureAwait(false);
        await client.RawAsync("PASSWORD " + password).ConfigureAwait(false);
        if (wait)
        {
            string tracking = await client.RawAsync("SET TRACKING ON").ConfigureAwait(false);
            if (!tracking.StartsWith("OK", StringComparison.Ordinal))
            {
                Console.Error.Write($"Enabling command status tracking failed. upsd answered: {tracking}\n");
                return 1;
            }
        }
        string reply = await client.RawAsync(request).ConfigureAwait(false);
        if (!reply.StartsWith("OK", StringComparison.Ordinal))
        {
            Console.Error.Write($"Unexpected response from upsd: {reply}\n");
            return 1;
        }
        if (!wait)
        {
            Console.Error.Write(reply + "\n");
            return 0;
        }
        const string prefix = "OK TRACKING ";
        if (!reply.StartsWith(prefix, StringComparison.Ordinal) || reply.Length != prefix.Length + 36)
        {
            Console.Error.Write($"Unexpected response from upsd: {reply}\n");
            return 1;
        }
        string id = reply[prefix.Length..];
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (DateTime.UtcNow < deadline)
        {
            string status = await client.GetTrackingAsync(id).ConfigureAwait(false);
            if (status != "PENDING")
            {
                Console.Error.Write(status + "\n");
                return 0;
            }
            await Task.Delay(1000).ConfigureAwait(false);
        }
        Console.Error.Write("Can't receive status tracking information: timeout\n");
        return 1;
    }
}
