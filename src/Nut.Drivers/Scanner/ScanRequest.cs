namespace Nut.Drivers.Scanner;

/// <summary>What one nut-scanner run was asked to do, from its options.</summary>
public sealed class ScanRequest
{
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(ScannerHelp.DefaultTimeoutSeconds);
    public int MaxThreads { get; set; } = ScannerHelp.DefaultThreads;
    public string? StartIp { get; set; }
    public string? EndIp { get; set; }
    public string? Cidr { get; set; }
    public string? NutPort { get; set; }
    public int SnmpPort { get; set; } = SnmpScanner.DefaultPort;
    public string? SerialPorts { get; set; }
    public SnmpScanSecurity Security { get; set; } = new();
    public bool All { get; set; }
    public bool Usb { get; set; }
    public bool Snmp { get; set; }
    public bool Nut { get; set; }
    public bool Serial { get; set; }
    public bool Parsable { get; set; }
    public bool Quiet { get; set; }
}
