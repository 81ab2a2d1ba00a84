using System.Globalization;

namespace Nut.Drivers.Tests.Snmp.Driver;

/// <summary>
/// A simulated Eaton ePDU G3 (Marlin, NUT's eaton_epdu mapping) for snmpd's pass_persist handler: one unit (index 0),
/// single-phase input with thresholds, four outlets in two groups (names, status, current, thresholds, switching
/// OIDs), the unit's own temperature/humidity probe and one EMP002 sensor reporting in Fahrenheit (NUT converts).
/// Values are made up but of the device's kinds (milli-volts, milli-amps, tenths of degrees).
/// </summary>
public static class EpduState
{
    public const string SysObjectId = ".1.3.6.1.4.1.534.6.6.7";
    /// <summary>All of Eaton's enterprise tree: the mapping also reads the EMP sensors under .534.6.8.</summary>
    public const string Subtree = ".1.3.6.1.4.1.534";

    public static string Oid(string underMarlin) => SysObjectId + "." + underMarlin;

    public static List<string> Lines()
    {
        var l = new List<string>();
        void I(string oid, long v, bool rw = false) => l.Add($"{Oid(oid)} integer {v.ToString(CultureInfo.InvariantCulture)}{(rw ? " rw" : "")}");
        void S(string oid, string v, bool rw = false) => l.Add($"{Oid(oid)} string {v}{(rw ? " rw" : "")}");
        void Emp(string oid, string type, string v) => l.Add($".1.3.6.1.4.1.534.6.8.1.{oid} {type} {v}");

        I("1.1.0", 1);                                   // units present
        S("1.2.1.2.0", "EPDU MI 38U-A IN: L6-30P 24A 1P OUT: 20xC13:4xC19");
        S("1.2.1.3.0", "EMIB04");                        // part number
        S("1.2.1.4.0", "ADB1234567");                    // serial
        S("1.2.1.5.0", "04.00.0004");                    // firmware
        I("1.2.1.10.0", 1);                              // unit switchability: yes
        I("1.2.1.21.0", 2);                              // outlet groups
        I("1.2.1.22.0", 4);                              // outlets
        I("3.1.1.2.0.1", 1);                             // single phase
        I("3.1.1.3.0.1", 500);                           // 50.0 Hz
        I("3.1.1.4.0.1", 0);
        I("3.1.1.9.0.1", 2);                             // feed colour
        S("3.1.1.10.0.1", "Feed-A", rw: true);
        I("3.2.1.3.0.1.1", 230500);                      // mV
        I("3.2.1.4.0.1.1", 0);
        I("3.2.1.5.0.1.1", 200000, true); I("3.2.1.6.0.1.1", 190000, true); I("3.2.1.7.0.1.1", 250000, true); I("3.2.1.8.0.1.1", 260000, true);
        I("3.3.1.3.0.1.1", 16000);                       // mA
        I("3.3.1.4.0.1.1", 2750);
        I("3.3.1.5.0.1.1", 0);
        I("3.3.1.6.0.1.1", 0, true); I("3.3.1.7.0.1.1", 0, true); I("3.3.1.8.0.1.1", 12800, true); I("3.3.1.9.0.1.1", 16000, true);
        I("3.3.1.11.0.1.1", 17);                         // % load
        I("3.4.1.3.0.1.1", 633); I("3.4.1.4.0.1.1", 610);
        I("3.5.1.3.0.1", 633); I("3.5.1.4.0.1", 610); I("3.5.1.9.0.1", 3680);
        for (int o = 1; o <= 4; o++)
        {
            string n = "0." + o.ToString(CultureInfo.InvariantCulture);
            S("6.1.1.2." + n, "Outlet-A" + o.ToString(CultureInfo.InvariantCulture));
            S("6.1.1.3." + n, "Server-" + o.ToString(CultureInfo.InvariantCulture), rw: true);
            I("6.1.1.5." + n, o <= 3 ? 1 : 2);           // C13, C13, C13, C19
            S("6.2.1.3." + n + ".1", o <= 2 ? "A" : "B");
            I("6.3.1.2." + n, 230400);
            I("6.3.1.3." + n, 0);
            I("6.4.1.3." + n, 250 * o);                  // mA
            I("6.4.1.4." + n, o == 4 ? 3 : 0);           // outlet 4: high current warning
            I("6.4.1.5." + n, 0, true); I("6.4.1.6." + n, 0, true); I("6.4.1.7." + n, 8000, true); I("6.4.1.8." + n, 10000, true);
            I("6.5.1.2." + n, 60 * o); I("6.5.1.3." + n, 55 * o);
            I("6.6.1.2." + n, o == 3 ? 0 : 1);           // outlet 3 off
            I("6.6.1.3." + n, -1, true); I("6.6.1.4." + n, -1, true); I("6.6.1.5." + n, -1, true);
            I("6.6.1.7." + n, 0, true);                  // delay.start (NUT reads outlet.N.id from the same OID)
            I("6.6.1.9." + n, 1);                        // switchable
            I("6.6.1.10." + n, 120, true);               // delay.shutdown
        }
        for (int g = 1; g <= 2; g++)
        {
            string n = "0." + g.ToString(CultureInfo.InvariantCulture);
            S("5.1.1.2." + n, g == 1 ? "A" : "B");
            S("5.1.1.3." + n, "Section-" + (g == 1 ? "A" : "B"), rw: true);
            I("5.1.1.4." + n, 4);                        // outlet-section
            I("5.1.1.6." + n, 2);
            S("5.1.1.7." + n, "0");
            S("5.1.1.8." + n, "Group-" + g.ToString(CultureInfo.InvariantCulture));
            I("5.1.1.9." + n, 1);
            I("5.3.1.2." + n, 2);                        // L1-N
            I("5.3.1.3." + n, 230300); I("5.3.1.4." + n, 0);
            I("5.3.1.5." + n, 200000, true); I("5.3.1.6." + n, 190000, true); I("5.3.1.7." + n, 250000, true); I("5.3.1.8." + n, 260000, true);
            I("5.4.1.2." + n, 16000); I("5.4.1.3." + n, 750 + g); I("5.4.1.4." + n, 0);
            I("5.4.1.5." + n, 0, true); I("5.4.1.6." + n, 0, true); I("5.4.1.7." + n, 12800, true); I("5.4.1.8." + n, 16000, true);
            I("5.4.1.10." + n, 5 * g);
            I("5.5.1.2." + n, 170 * g); I("5.5.1.3." + n, 160 * g);
            I("5.6.1.2." + n, 1); I("5.6.1.3." + n, -1, true); I("5.6.1.4." + n, -1, true); I("5.6.1.5." + n, -1, true);
        }
        // The unit's own probe.
        I("7.1.1.3.0.1", 1); I("7.1.1.4.0.1", 245); I("7.1.1.5.0.1", 0);
        I("7.1.1.6.0.1", 100, true); I("7.1.1.7.0.1", 50, true); I("7.1.1.8.0.1", 350, true); I("7.1.1.9.0.1", 400, true);
        I("7.2.1.4.0.1", 455); I("7.2.1.5.0.1", 0);
        I("7.2.1.6.0.1", 200, true); I("7.2.1.7.0.1", 100, true); I("7.2.1.8.0.1", 700, true); I("7.2.1.9.0.1", 800, true);
        I("7.3.1.4.0.1", 0); I("7.3.1.4.0.2", 1);
        // One EMP002 sensor (ambient.1.*), temperatures in tenths of degrees Fahrenheit.
        Emp("1.1.0", "integer", "1");
        Emp("1.2.1.2.1", "string", "EMP-1");
        Emp("1.2.1.4.1", "integer", "1");
        Emp("1.2.1.5.1", "string", "ADB1234567");
        Emp("1.2.1.6.1", "string", "EATON");
        Emp("1.2.1.7.1", "string", "EMP002");
        Emp("1.2.1.9.1", "string", "EMP7654321");
        Emp("1.2.1.10.1", "string", "1.0.5");
        Emp("1.3.1.1.1", "string", "Rack-12-top");
        Emp("1.4.1.1.1", "integer", "2");
        Emp("2.5.0", "integer", "1");                    // temperature unit: Fahrenheit
        Emp("2.2.1.5.1.1", "integer", "500");
        Emp("2.2.1.6.1.1", "integer", "410");
        Emp("2.2.1.7.1.1", "integer", "950");
        Emp("2.2.1.8.1.1", "integer", "1040");
        Emp("2.3.1.1.1.1", "integer", "0");
        Emp("2.3.1.3.1.1", "integer", "770");            // 77.0 F = 25.0 C
        Emp("3.2.1.5.1.1", "integer", "200");
        Emp("3.2.1.6.1.1", "integer", "100");
        Emp("3.2.1.7.1.1", "integer", "700");
        Emp("3.2.1.8.1.1", "integer", "800");
        Emp("3.3.1.1.1.1", "integer", "0");
        Emp("3.3.1.3.1.1", "integer", "412");
        Emp("4.2.1.1.1.1", "string", "Door");
        Emp("4.2.1.1.1.2", "string", "Smoke");
        Emp("4.2.1.3.1.1", "integer", "0");
        Emp("4.2.1.3.1.2", "integer", "1");
        Emp("4.3.1.3.1.1", "integer", "1");
        Emp("4.3.1.3.1.2", "integer", "0");
        return l;
    }
}
