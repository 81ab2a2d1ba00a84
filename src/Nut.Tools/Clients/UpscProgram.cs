using System.Text;
using Nut.Client;
using Nut.Core.Config;
using Nut.Core.Programs;
using Nut.Core.Protocol;

namespace Nut.Tools.Clients;

/// <summary>upsc (spec/tools.md §2): lists UPSes, variables and clients, exactly as NUT's; -j prints JSON as NUT 2.8.5's.</summary>
public static class UpscProgram
{
    const string Usage = """
        Network UPS Tools upsc {0}

        usage: upsc -l | -L [<hostname>[:port]]
               upsc <ups> [<variable>]
               upsc -c <ups>

        Demo program to display UPS variables.

        First form (lists UPSes):
          -l         - lists each UPS on <hostname>, one per line.
          -L         - lists each UPS followed by its description (from ups.conf).
                       Default hostname: localhost

        Second form (lists variables and values):
          <ups>      - upsd server, <upsname>[@<hostname>[:<port>]] form
          <variable> - optional, display this variable only.
                       Default: list all variables for <host>

        Third form (lists clients connected to a device):
          -c         - lists each client connected on <ups>, one per line.
          <ups>      - upsd server, <upsname>[@<hostname>[:<port>]] form

        """;

    enum Mode { Variables, List, ListWithDescriptions, Clients }

    public static int Run(string[] args) => RunAsync(args).GetAwaiter().GetResult();

    static async Task<int> RunAsync(string[] args)
    {
        var parsed = GetOpt.Parse(args, "+hlLcVj");
        var mode = Mode.Variables;
        bool json = false;
        foreach (var (opt, arg) in parsed.Options)
        {
            switch (opt)
            {
                case 'l': mode = Mode.List; break;
                case 'L': mode = Mode.ListWithDescriptions; break;
                case 'c': mode = Mode.Clients; break;
                case 'j': json = true; break;
                case 'V':
                    Console.Error.Write($"Network UPS Tools upscmd {NutVersion.Release}\n"); // sic, as NUT's upsc
                    return 0;
                case '?':
                    Console.Error.Write($"upsc: invalid option -- '{arg}'\n");
                    ClientToolSupport.Out(string.Format(System.Globalization.CultureInfo.InvariantCulture, Usage, NutVersion.Release));
                    return 0;
                default:
                    ClientToolSupport.Out(string.Format(System.Globalization.CultureInfo.InvariantCulture, Usage, NutVersion.Release));
                    return 0;
            }
        }
        var operands = parsed.Operands;
        try
        {
            return mode switch
            {
                Mode.List or Mode.ListWithDescriptions => await ListUpses(operands, mode == Mode.ListWithDescriptions, json).ConfigureAwait(false),
                Mode.Clients => await ListClients(operands, json).ConfigureAwait(false),
                _ => await ShowVariables(operands, json).ConfigureAwait(false),
            };
        }
        catch (NutClientException e)
        {
            if (json)
                ClientToolSupport.Out($"{{\n  \"error\": {Json.String(e.Message)}\n}}\n");
            return ClientToolSupport.Fail(e.Message);
        }
    }

    static UpsAddress? ParseUps(IReadOnlyList<string> operands)
    {
        if (operands.Count < 1)
            return null;
        var address = UpsAddress.TryParse(operands[0], out string? error);
        if (address is null && error is not null)
            Console.Error.Write(error + "\n");
        return address;
    }

    static int InvalidUps()
    {
        Console.Error.Write("Error: invalid UPS definition.\nRequired format: upsname[@hostname[:port]]\n");
        return 1;
    }

    static async Task<int> ListUpses(IReadOnlyList<string> operands, bool descriptions, bool json)
    {
        string hostText = operands.Count > 0 ? operands[0] : "localhost";
        var host = UpsAddress.TryParseHost(hostText, out string? error);
        if (host is null)
        {
            Console.Error.Write((error ?? "") + "\nError: invalid hostname.\nRequired format: [hostname[:port]]\n");
            return 1;
        }
        await using var client = await ClientToolSupport.ConnectAsync(host.Value.Host, host.Value.Port, trySsl: true).ConfigureAwait(false);
        var upses = await client.ListUpsAsync().ConfigureAwait(false);
        var sb = new StringBuilder();
        if (json)
        {
            sb.Append(descriptions ? "{\n" : "[\n");
            sb.Append(string.Join(",\n", upses.Select(u => descriptions ? $"  {Json.String(u.Name)}: {Json.String(u.Description)}" : "  " + Json.String(u.Name))));
            sb.Append(descriptions ? "\n}\n" : "\n]\n");
        }
        else
        {
            foreach (var u in upses)
                sb.Append(descriptions ? $"{u.Name}: {u.Description}\n" : u.Name + "\n");
        }
        ClientToolSupport.Out(sb.ToString());
        await client.LogoutAsync().ConfigureAwait(false);
        return 0;
    }

    static async Task<int> ListClients(IReadOnlyList<string> operands, bool json)
    {
        if (ParseUps(operands) is not { } ups)
            return InvalidUps();
        await using var client = await ClientToolSupport.ConnectAsync(ups.Host, ups.Port, trySsl: true).ConfigureAwait(false);
        var clients = await client.ListClientsAsync(ups.UpsName).ConfigureAwait(false);
        ClientToolSupport.Out(json
            ? "[\n" + string.Join(",\n", clients.Select(c => "  " + Json.String(c))) + "\n]\n"
            : string.Concat(clients.Select(c => c + "\n")));
        await client.LogoutAsync().ConfigureAwait(false);
        return 0;
    }

    static async Task<int> ShowVariables(IReadOnlyList<string> operands, bool json)
    {
        if (ParseUps(operands) is not { } ups)
            return InvalidUps();
        await using var client = await ClientToolSupport.ConnectAsync(ups.Host, ups.Port, trySsl: true).ConfigureAwait(false);
        if (operands.Count > 1)
        {
            string name = operands[1];
            if (!name.Contains('.'))
                throw new NutClientException("old-style variable names are not supported");
            string value = await client.GetVariableAsync(ups.UpsName, name).ConfigureAwait(false);
            ClientToolSupport.Out(json ? Json.String(value) + "\n" : value + "\n");
        }
        else
        {
            var vars = await client.ListVariablesAsync(ups.UpsName).ConfigureAwait(false);
            ClientToolSupport.Out(json
                ? "{\n" + string.Join(",\n", vars.Select(v => $"  {Json.String(v.Key)}: {Json.String(v.Value)}")) + "\n}\n"
                : string.Concat(vars.Select(v => $"{v.Key}: {v.Value}\n")));
        }
        await client.LogoutAsync().ConfigureAwait(false);
        return 0;
    }
}
