namespace Nut.Drivers.Scanner;

/// <summary>The bus a device was found on; the names are what NUT's parsable output (-P) prints first.</summary>
public enum ScanBus { USB, SNMP, XML, NUT, IPMI, AVAHI, EATON_SERIAL }

/// <summary>
/// One device found by a scan: the ups.conf section nut-scanner prints for it (driver, port, then the other options
/// in the order NUT adds them; a null value prints the option name alone).
/// </summary>
public sealed record ScannedDevice(ScanBus Bus, string Driver, string Port, IReadOnlyList<KeyValuePair<string, string?>> Options)
{
    public static ScannedDevice Of(ScanBus bus, string driver, string port, params (string Name, string? Value)[] options) =>
        new(bus, driver, port, [.. options.Select(o => new KeyValuePair<string, string?>(o.Name, o.Value))]);
}
