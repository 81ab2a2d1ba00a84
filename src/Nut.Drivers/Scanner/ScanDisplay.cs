using System.Text;

namespace Nut.Drivers.Scanner;

/// <summary>
/// nut-scanner's two output formats. ups.conf (-N, the default) numbers sections [nutdev1], [nutdev2], ... across
/// every bus of one run; parsable (-P) prints one line per device, <c>BUS:driver="...",port="...",opt="..."</c>.
/// Values are printed as they are, unescaped, exactly as NUT does.
/// </summary>
public sealed class ScanDisplay(bool parsable)
{
    int _next = 1;

    public bool Parsable { get; } = parsable;

    public string Format(IEnumerable<ScannedDevice> devices)
    {
        var sb = new StringBuilder();
        foreach (var d in devices)
        {
            if (Parsable)
            {
                sb.Append($"{d.Bus}:driver=\"{d.Driver}\",port=\"{d.Port}\"");
                foreach (var (name, value) in d.Options)
                    sb.Append(value is null ? $",{name}" : $",{name}=\"{value}\"");
                sb.Append('\n');
            }
            else
            {
                sb.Append($"[nutdev{_next++}]\n\tdriver = \"{d.Driver}\"\n\tport = \"{d.Port}\"\n");
                foreach (var (name, value) in d.Options)
                    sb.Append(value is null ? $"\t{name}\n" : $"\t{name} = \"{value}\"\n");
            }
        }
        return sb.ToString();
    }
}
