using System.Text;
using Nut.Client;
using Nut.Core.Programs;
using Nut.Core.Protocol;
using Nut.Core.Text;

namespace Nut.Tools.Clients;

/// <summary>upsrw (spec/tools.md §4): lists writable variables with their types and options, and sets them.</summary>
public static class UpsrwProgram
{
    const string Usage = """

        usage: upsrw [-h]
               upsrw [-s <variable>] [-u <username>] [-p <password>] [-w] [-t <timeout>] <ups>

        Demo program to set variables within UPS hardware.

          -h            display this help text
          -s <variable>	specify variable to be changed
        		use -s VAR=VALUE to avoid prompting for value
          -l            show all possible read/write variables.
          -u <username> set username for command authentication
          -p <password> set password for command authentication
          -w            wait for the completion of setting by the driver
                        and return its actual result from the device
          -t <timeout>	set a timeout when using -w (in seconds, default: 10)

          <ups>         UPS identifier - <upsname>[@<hostname>[:<port>]]

        Call without -s to show all possible read/write variables (same as -l).

        """;

    static int Help()
    {
        ClientToolSupport.Out($"Network UPS Tools upsrw {NutVersion.Release}\n" + Usage);
        return 0;
    }

    public static int Run(string[] args) => RunAsync(args).GetAwaiter().GetResult();

    static async Task<int> RunAsync(string[] args)
    {
        var parsed = GetOpt.Parse(args, "+hls:p:t:u:wV");
        string? setting = null, user = null, password = null;
        bool list = false, wait = false;
        int timeout = 10;
        foreach (var (opt, arg) in parsed.Options)
        {
            switch (opt)
            {
                case 's': setting = arg; break;
                case 'l': list = true; break;
                case 'u': user = arg; break;
                case 'p': password = arg; break;
                case 't': timeout = int.TryParse(arg, out int t) ? t : 10; break;
                case 'w': wait = true; break;
                case 'V':
                    ClientToolSupport.Out($"Network UPS Tools upsrw {NutVersion.Release}\n");
                    return 0;
                case '?':
                    Console.Error.Write($"upsrw: invalid option -- '{arg}'\n");
                    return Help();
                default: return Help();
            }
        }
        if (parsed.Operands.Count < 1)
            return Help();
        var ups = UpsAddress.TryParse(parsed.Operands[0], out string? error);
        if (ups is null)
        {
            Console.Error.Write((error ?? "") + "\n");
            return ClientToolSupport.Fail("invalid UPS definition.\nRequired format: upsname[@hostname[:port]]");
        }
        try
        {
            await using var client = await ClientToolSupport.ConnectAsync(ups.Host, ups.Port, trySsl: false).ConfigureAwait(false);
            int rc = setting is null || list
                ? await ListAsync(client, ups.UpsName).ConfigureAwait(false)
                : await SetAsync(client, ups.UpsName, setting, user, password, wait, timeout).ConfigureAwait(false);
            await client.LogoutAsync().ConfigureAwait(false);
            return rc;
        }
        catch (NutClientException e)
        {
            return ClientToolSupport.Fail(e.Message);
        }
    }

    static async Task<int> SetAsync(NutClient client, string ups, string setting, string? user, string? password, bool wait, int timeout)
    {
        int eq = setting.IndexOf('=');
        string name = eq < 0 ? setting : setting[..eq];
        if (!name.Contains('.'))
            return ClientToolSupport.Fail("old variable names are not supported");
        user ??= Credentials.AskUser();
        password ??= Credentials.AskPassword();
        string value;
        if (eq >= 0)
        {
            value = setting[(eq + 1)..];
        }
        else
        {
            Console.Out.Write($"Enter new value for {name}: ");
            Console.Out.Flush();
            value = Console.In.ReadLine() ?? "";
        }
        return await TrackedRequest.RunAsync(client, user, password, wait, timeout,
            $"SET VAR {ups} {name} \"{NutQuoting.Escape(value)}\"").ConfigureAwait(false);
    }

    static async Task<int> ListAsync(NutClient client, string ups)
    {
        var sb = new StringBuilder();
        foreach (var (name, value) in await client.ListWritableAsync(ups).ConfigureAwait(false))
        {
            sb.Append($"[{name}]\n");
            string desc;
            try { desc = await client.GetDescriptionAsync(ups, name).ConfigureAwait(false); }
            catch (NutClientException) { desc = "Description unavailable"; }
            sb.Append(desc).Append('\n');
            string[] type;
            try { type = await client.GetTypeAsync(ups, name).ConfigureAwait(false); }
            catch (NutClientException)
            {
                sb.Append("Unknown type\n\n");
                continue;
            }
            await DescribeType(client, ups, name, value, type, sb).ConfigureAwait(false);
            sb.Append('\n');
        }
        ClientToolSupport.Out(sb.ToString());
        return 0;
    }

    /// <summary>Reads the type words in order, as NUT's upsrw does, and prints the matching block.</summary>
    static async Task DescribeType(NutClient client, string ups, string name, string value, string[] type, StringBuilder sb)
    {
        bool isEnum = false;
        foreach (var word in type)
        {
            if (word == "RW")
                continue;
            if (word == "ENUM")
            {
                isEnum = true;
                continue;
            }
            if (word == "RANGE")
            {
                sb.Append("Type: RANGE NUMBER\n");
                int current = CInt.Atoi(value);
                foreach (var r in await client.ListRangeAsync(ups, name).ConfigureAwait(false))
                {
                    bool selected = current >= CInt.Atoi(r.Min) && current <= CInt.Atoi(r.Max);
                    sb.Append($"Option: \"{r.Min}-{r.Max}\"{(selected ? " SELECTED" : "")}\n");
                }
                return;
            }
            if (word.StartsWith("STRING:", StringComparison.Ordinal))
            {
                string length = word["STRING:".Length..];
                if (isEnum)
                {
                    sb.Append($"Type: ENUM STRING\nMaximum length: {length}\n");
                    await Options(client, ups, name, value, sb).ConfigureAwait(false);
                }
                else
                {
                    sb.Append($"Type: STRING\nMaximum length: {length}\nValue: {value}\n");
                }
                return;
            }
            if (word == "NUMBER")
            {
                if (isEnum)
                {
                    sb.Append("Type: ENUM NUMBER\n");
                    await Options(client, ups, name, value, sb).ConfigureAwait(false);
                }
                else
                {
                    sb.Append($"Type: NUMBER\nValue: {value}\n");
                }
                return;
            }
            sb.Append($"Type: {word} (unrecognized)\n");
        }
        if (isEnum)
        {
            sb.Append("Type: ENUM\n");
            await Options(client, ups, name, value, sb).ConfigureAwait(false);
        }
    }

    static async Task Options(NutClient client, string ups, string name, string value, StringBuilder sb)
    {
        foreach (var option in await client.ListEnumAsync(ups, name).ConfigureAwait(false))
            sb.Append($"Option: \"{option}\"{(option == value ? " SELECTED" : "")}\n");
    }
}
