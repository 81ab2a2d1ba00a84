namespace Nut.Monitor.Upsmon;

/// <summary>What upsmon knows about one UPS (NUT's ST_* bits).</summary>
[Flags]
public enum UpsFlags
{
    None = 0,
    /// <summary>Last seen on line power (OL).</summary>
    Online = 1,
    /// <summary>Last seen on battery (OB).</summary>
    OnBattery = 2,
    /// <summary>Low battery (LB), or promoted to it because the UPS went quiet while on battery.</summary>
    LowBattery = 4,
    /// <summary>Forced shutdown (FSD) set by a primary.</summary>
    ForcedShutdown = 8,
    /// <summary>We are the primary for this UPS (MONITOR ... primary).</summary>
    Primary = 16,
    /// <summary>LOGIN succeeded on the current connection.</summary>
    LoggedIn = 32,
    /// <summary>A connection to upsd is open.</summary>
    Connected = 64,
    /// <summary>Calibration (CAL) seen; NUT 2.8.0 never clears it.</summary>
    Calibrating = 128,
}
