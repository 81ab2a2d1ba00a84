using Nut.Client;

namespace Nut.Web.Watching;

/// <summary>Reads what a UPS page needs besides its values: the description, the instant commands with their
/// descriptions, and the writable variables with their type, choices and ranges. A question upsd cannot
/// answer (an old server, a variable without a description) leaves that part empty; it never fails the poll.</summary>
public static class UpsDetailsReader
{
    public static async Task<UpsDetails> ReadAsync(NutClient client, string ups, IReadOnlyDictionary<string, string> vars, CancellationToken ct)
    {
        string description = await Try(() => client.GetUpsDescriptionAsync(ups, ct), "");
        var commands = new List<InstantCommand>();
        foreach (var name in await Try(() => client.ListCommandsAsync(ups, ct), []))
            commands.Add(new InstantCommand(name, await Try(() => client.GetCommandDescriptionAsync(ups, name, ct), "")));
        var writable = new List<WritableVariable>();
        foreach (var (name, value) in await Try(() => client.ListWritableAsync(ups, ct), []))
        {
            string[] type = await Try(() => client.GetTypeAsync(ups, name, ct), []);
            string[] choices = type.Contains("ENUM") ? [.. await Try(() => client.ListEnumAsync(ups, name, ct), [])] : [];
            string[] ranges = type.Contains("RANGE")
                ? [.. (await Try(() => client.ListRangeAsync(ups, name, ct), [])).Select(r => r.Min + ".." + r.Max)]
                : [];
            string desc = await Try(() => client.GetDescriptionAsync(ups, name, ct), "");
            writable.Add(new WritableVariable(name, value, desc, type, choices, ranges));
        }
        return new UpsDetails(description == "Unavailable" ? "" : description, commands, writable);
    }

    static async Task<T> Try<T>(Func<Task<T>> ask, T fallback)
    {
        try
        {
            return await ask();
        }
        catch (NutClientException e) when (e.ErrToken is not null)
        {
            return fallback;
        }
    }
}
