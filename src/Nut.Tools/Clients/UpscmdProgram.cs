using Nut.Client;
using Nut.Core.Programs;
using Nut.Core.Protocol;

namespace Nut.Tools.Clients;

/// <summary>upscmd (spec/tools.md §3): lists and runs instant commands, exactly as NUT's.</summary>
public static class UpscmdProgram
{
    const string Usage = """

        usage: upscmd [-h]
               upscmd [-l <ups>]
               upscmd [-u <username>] [-p <password>] [-w] [-t <timeout>] <ups> <command> [<value>]

        Administration program to initiate instant commands on UPS hardware.

          -h		display this help text
          -l <ups>	show available commands on UPS <ups>
          -u <username>	set username for command authentication
          -p <password>	set password for command authentication
          -w            wait for the completion of command by the driver
                        and return its actual result from the device
          -t <timeout>	set a timeout when using -w (in seconds, default: 10)

          <ups>		UPS identifier - <upsname>[@<hostname>[:<port>]]
          <command>	Valid instant command - test.panel.start, etc.
          [<value>]	Additional data for command - number of seconds, etc.

        """;

    static int Help()
    {
        ClientToolSupport.Out($"Network UPS Tools upscmd {NutVersion.Release}\n" + Usage);
        return 0;
    }

    public static int Run(string[] args) => RunAsync(args).GetAwaiter().GetResult();

    static async Task<int> RunAsync(string[] args)
    {
        var parsed = GetOpt.Parse(args, "+lhu:p:t:wV");
        bool list = false, wait = false;
        string? user = null, password = null;
        int timeout = 10;
        foreach (var (opt, arg) in parsed.Options)
        {
            switch (opt)
            {
                case 'l': list = true; break;
                case 'u': user = arg; break;
                case 'p': password = arg; break;
                case 't': timeout = int.TryParse(arg, out int t) ? t : 10; break;
                case 'w': wait = true; break;
                case 'V':
                    Console.Error.Write($"Network UPS Tools upscmd {NutVersion.Release}\n");
                    return 0;
                case '?':
                    Console.Error.Write($"upscmd: invalid option -- '{arg}'\n");
                    return Help();
                default: return Help();
            }
        }
        var operands = parsed.Operands;
        if (operands.Count < 1 || (!list && operands.Count < 2))
            return Help();
        var ups = UpsAddress.TryParse(operands[0], out string? error);
        if (ups is null)
        {
            Console.Error.Write((error ?? "") + "\n");
            return ClientToolSupport.Fail("invalid UPS definition.\nRequired format: upsname[@hostname[:port]]");
        }
        try
        {
            await using var client = await ClientToolSupport.ConnectAsync(ups.Host, ups.Port, trySsl: false).ConfigureAwait(false);
            if (list)
                return await List(client, ups.UpsName).ConfigureAwait(false);
            string command = operands[1];
            if (!command.Contains('.'))
                return ClientToolSupport.Fail("old command names are not supported");
            user ??= Credentials.AskUser();
            password ??= Credentials.AskPassword();
            string request = $"INSTCMD {ups.UpsName} {command}" + (operands.Count > 2 ? " " + operands[2] : "");
            int rc = await TrackedRequest.RunAsync(client, user, password, wait, timeout, request).ConfigureAwait(false);
            await client.LogoutAsync().ConfigureAwait(false);
            return rc;
        }
        catch (NutClientException e)
        {
            return ClientToolSupport.Fail(e.Message);
        }
    }

    static async Task<int> List(NutClient client, string ups)
    {
        var commands = await client.ListCommandsAsync(ups).ConfigureAwait(false);
        var sb = new System.Text.StringBuilder($"Instant commands supported on UPS [{ups}]:\n\n");
        foreach (var cmd in commands)
        {
            try
            {
                sb.Append($"{cmd} - {await client.GetCommandDescriptionAsync(ups, cmd).ConfigureAwait(false)}\n");
            }
            catch (NutClientException)
            {
                sb.Append(cmd).Append('\n');
            }
        }
        ClientToolSupport.Out(sb.ToString());
        await client.LogoutAsync().ConfigureAwait(false);
        return 0;
    }
}
