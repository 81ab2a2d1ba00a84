namespace Nut.Drivers.Snmp.Mib;

/// <summary>How a mapping entry is read and published (NUT's SU_* flags; the names say what each does).</summary>
[Flags]
public enum MibFlags : uint
{
    None = 0,
    /// <summary>Read once at start-up only.</summary>
    Static = 1 << 0,
    /// <summary>Not on the device: the default value is published instead.</summary>
    Absent = 1 << 1,
    /// <summary>A negative number means "not available": the entry is dropped.</summary>
    NegInvalid = 1 << 2,
    /// <summary>The first entry of this name that answers wins; the others of the same name are dropped.</summary>
    Unique = 1 << 3,
    ZeroInvalid = 1 << 4,
    NaInvalid = 1 << 5,
    /// <summary>Outlet commands address index + 1.</summary>
    CmdOffset = 1 << 6,
    /// <summary>Refreshed every semistaticfreq full polls only.</summary>
    SemiStatic = 1 << 7,
    OutletGroup = 1 << 8,
    Outlet = 1 << 9,
    Input1 = 1 << 10,
    Input3 = 1 << 11,
    Output1 = 1 << 12,
    Output3 = 1 << 13,
    Bypass1 = 1 << 14,
    Bypass3 = 1 << 15,
    /// <summary>Written as an integer.</summary>
    TypeInt = 1 << 16,
    /// <summary>Written as TimeTicks (seconds x 100).</summary>
    TypeTime = 1 << 17,
    /// <summary>An instant command: SET of the default value.</summary>
    Command = 1 << 18,
    Daisy1 = 1 << 19,
    Daisy2 = 1 << 20,
    DaisyMasterOnly = 1 << 21,
    Ambient = 1 << 22,
    Daisy = 1 << 23,
    StatusPwr = 1 << 24,
    StatusBatt = 1 << 25,
    StatusCal = 1 << 26,
    StatusRb = 1 << 27,

    AnyInput = Input1 | Input3,
    AnyOutput = Output1 | Output3,
    AnyBypass = Bypass1 | Bypass3,
    AnyTemplate = Outlet | OutletGroup | Ambient,
}

/// <summary>The published variable's own flags (NUT's ST_FLAG_*).</summary>
[Flags]
public enum InfoFlags
{
    None = 0,
    Rw = 1,
    String = 2,
}
