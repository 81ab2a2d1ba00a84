using static Nut.Drivers.Generic.SerialNative;

namespace Nut.Drivers.Generic;

/// <summary>
/// genericups' table of <c>upstype</c> values (NUT 2.8.0, drivers/genericups.h): the index is the upstype number.
/// Facts only: the line assignments of each documented cable.
/// </summary>
public static class ContactClosureTypes
{
    const int DTR = TIOCM_DTR, RTS = TIOCM_RTS, ST = TIOCM_ST, CTS = TIOCM_CTS, DCD = TIOCM_CAR, RNG = TIOCM_RNG, DSR = TIOCM_DSR;
    const int Unknown = ContactClosureType.NoShutdown;

    static InputSignal On(int line) => new(line, line);
    static InputSignal Off(int line) => new(line, 0);
    static readonly InputSignal None = InputSignal.None;

    static ContactClosureType T(string mfr, string model, string desc, int power, InputSignal ol, InputSignal lb, int sd,
        InputSignal? rb = null, InputSignal? bypass = null) =>
        new(mfr, model, desc, power, ol, lb, rb ?? None, bypass ?? None, sd);

    /// <summary>All types, upstype 0 first.</summary>
    public static IReadOnlyList<ContactClosureType> All { get; } =
    [
        /* 0 */ T("UPSONIC", "LAN Saver 600", "UPSONIC LAN Saver 600", DTR | RTS, Off(CTS), On(DCD), RTS),
        /* 1 */ T("APC", "Back-UPS", "APC Back-UPS (940-0095A/C cable)", DTR, Off(RNG), On(DCD), RTS),
        /* 2 */ T("APC", "Back-UPS", "APC Back-UPS (940-0020B/C cable)", RTS, Off(CTS), On(DCD), DTR | RTS),
        /* 3 */ T("PowerTech", "Comp1000", "PowerTech Comp1000 with DTR as cable power", DTR, Off(CTS), On(DCD), DTR | RTS),
        /* 4 */ T("Generic", "Generic RUPS model", "Generic RUPS model", RTS, On(CTS), Off(DCD), 0),
        /* 5 */ T("TrippLite", "Internet Office Series", "Tripp Lite UPS with Lan2.2 interface (black 73-0844 cable)", DTR, On(CTS), Off(DCD), DTR | RTS),
        /* 6 */ T("Best", "Patriot", "Best Patriot (INT51 cable)", DTR, On(CTS), Off(DCD), RTS),
        /* 7 */ T("CyberPower", "Power99", "CyberPower Power99", RTS, On(CTS), Off(DCD), DTR),
        /* 8 */ T("Nitram", "Elite UPS", "Nitram Elite 500", DTR, On(CTS), Off(DCD), Unknown),
        /* 9 */ T("APC", "Back-UPS", "APC Back-UPS (940-0023A cable)", 0, Off(DCD), On(CTS), RTS),
        /* 10 */ T("Victron", "Lite", "Victron Lite (crack cable)", RTS, On(CTS), Off(DCD), DTR),
        /* 11 */ T("Powerware", "3115", "Powerware 3115", DTR, Off(CTS), Off(DCD), ST),
        /* 12 */ T("APC", "Back-UPS Office", "APC Back-UPS Office (940-0119A cable)", RTS, Off(CTS), On(DCD), DTR),
        /* 13 */ T("RPT", "Repoteck", "Repoteck RPT-800A, RPT-162A", DTR | RTS, On(DCD), Off(CTS), ST),
        /* 14 */ T("Online", "P250, P500, P750, P1250", "Online P-series", DTR, On(DCD), Off(CTS), RTS),
        /* 15 */ T("Powerware", "5119", "Powerware 5119", DTR, On(CTS), Off(DCD), ST),
        /* 16 */ T("Nitram", "Elite UPS", "Nitram Elite 2002", DTR | RTS, On(CTS), Off(DCD), Unknown),
        /* 17 */ T("PowerKinetics", "9001", "PowerKinetics 9001", DTR, On(CTS), Off(DCD), Unknown),
        /* 18 */ T("TrippLite", "Omni 450LAN", "TrippLite UPS with Martin's cabling", DTR, On(CTS), On(DCD), Unknown),
        /* 19 */ T("Fideltronik", "Ares Series", "Fideltronik Ares Series", DTR, On(CTS), Off(DCD), RTS),
        /* 20 */ T("Powerware", "5119 RM", "Powerware 5119 RM", DTR, Off(CTS), On(DCD), ST),
        /* 21 */ T("Generic", "Generic RUPS 2000", "Generic RUPS 2000 (Megatec M2501 cable)", RTS, On(CTS), Off(DCD), RTS | DTR),
        /* 22 */ T("Gamatronic Electronic Industries", "Generic Alarm UPS", "Gamatronic UPSs with alarm interface", RTS, On(CTS), Off(DCD), DTR),
        /* 23 */ T("Generic", "Generic FTTx Battery Backup", "FTTx (Fiber to the x) battery backup with 4-wire telemetry interface",
            RTS, On(CTS), Off(DCD), 0, rb: Off(RNG), bypass: Off(DSR)),
    ];

    /// <summary>The "Valid UPS types" list that -h and an unknown upstype print.</summary>
    public static string Listing()
    {
        var sb = new System.Text.StringBuilder("Valid UPS types:\n\n");
        for (int i = 0; i < All.Count; i++)
            sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"{i}: {All[i].Description}\n");
        return sb.ToString();
    }
}
