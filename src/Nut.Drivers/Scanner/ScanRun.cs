using Nut.Drivers.Snmp;

namespace Nut.Drivers.Scanner;

/// <summary>
/// Runs the scans a <see cref="ScanRequest"/> asks for, all at once as NUT does, says which bus it is scanning on
/// stderr (unless -q; -D brings the messages back), then prints USB, SNMP, NUT and serial results in that order.
/// </summary>
public sealed class ScanRun(ScanRequest request, TextWriter stdout, TextWriter stderr, Func<SnmpSettings, ISnmpClient> snmp, int debug)
{
    readonly object _errLock = new();

    public int Execute()
    {
        var r = request;
        if (r.Cidr is not null)
        {
            var range = IpRange.FromCidr(r.Cidr, out string? cidrError);
            if (cidrError is not null)
            {
                Error(cidrError);
                return 1; // NUT's fatalx
            }
            // NUT keeps -s/-e when the CIDR cannot be read.
            if (range is not null)
                (r.StartIp, r.EndIp, _cidrRange) = (null, null, range);
        }
        bool noneAsked = !r.Usb && !r.Snmp && !r.Nut && !r.Serial;
        if (noneAsked || r.All)
            r.Usb = r.Snmp = r.Nut = true;

        Task<IReadOnlyList<ScannedDevice>> none = Task.FromResult<IReadOnlyList<ScannedDevice>>([]);
        Task<IReadOnlyList<ScannedDevice>> usb = none, snmpScan = none, nut = none, serial = none;
        if (r.Usb)
        {
            Say("Scanning USB bus.");
            usb = Task.Run(() => UsbSysfsScanner.Scan(UsbSysfsScanner.Root));
        }
        if (r.Snmp)
        {
            if (!HasRange)
                Say("No start IP, skipping SNMP");
            else
            {
                Say("Scanning SNMP bus.");
                var scanner = new SnmpScanner(r.Security, r.Timeout, r.SnmpPort, snmp, Error);
                snmpScan = Task.Run(() => Over(scanner.Probe));
            }
        }
        if (r.Nut)
        {
            if (!HasRange)
                Say("No start IP, skipping NUT bus (old connect method)");
            else
            {
                Say("Scanning NUT bus (old connect method).");
                int? port = NutServerScanner.ParsePort(r.NutPort);
                nut = port is null ? none : Task.Run(() => Over(host => NutServerScanner.Probe(host, port.Value, r.Timeout)));
            }
        }
        if (r.Serial)
        {
            Say("Scanning serial bus for Eaton devices.");
            serial = Task.Run(() =>
            {
                var ports = SerialPortList.Parse(r.SerialPorts, out string? portError);
                if (portError is not null)
                    Error(portError);
                return ports is null ? [] : (IReadOnlyList<ScannedDevice>)ParallelProbe.Run(ports, r.MaxThreads, SerialScanner.Probe, Debug);
            });
        }
        var display = new ScanDisplay(r.Parsable);
        foreach (var job in new[] { usb, snmpScan, nut, serial })
        {
            stdout.Write(display.Format(job.GetAwaiter().GetResult()));
            stdout.Flush();
        }
        return 0;
    }

    IpRange? _cidrRange;

    bool HasRange => _cidrRange is not null || request.StartIp is not null;

    /// <summary>Probes every address of the range; an unreadable address is NUT's "Invalid address : X" and no scan.</summary>
    IReadOnlyList<ScannedDevice> Over(Func<string, IReadOnlyList<ScannedDevice>> probe)
    {
        string? error = null;
        var range = _cidrRange ?? IpRange.FromEnds(request.StartIp!, request.EndIp ?? request.StartIp!, out error);
        if (range is null)
        {
            Error(error ?? "Invalid address");
            return [];
        }
        if (range.Count > IpRange.MaxAddresses)
        {
            Error($"nut-scanner: the address range holds {range.Count} addresses; at most {IpRange.MaxAddresses} are scanned in one run");
            return [];
        }
        return ParallelProbe.Run(range.Addresses(), request.MaxThreads, probe, Debug);
    }

    /// <summary>NUT's upsdebugx(quiet, ...): shown unless -q, and with -q from -D on.</summary>
    void Say(string message)
    {
        if (debug >= (request.Quiet ? 1 : 0))
            Error(message);
    }

    void Debug(string message)
    {
        if (debug >= 1)
            Error(message);
    }

    void Error(string message)
    {
        lock (_errLock)
        {
            stderr.Write(message + "\n");
            stderr.Flush();
        }
    }
}
