using Nut.Platform;

namespace Nut.Drivers.Generic;

/// <summary>
/// NUT's ser_comm_fail / ser_comm_good: a failed poll is logged, but after ten in a row only every tenth is, so a
/// dead cable does not flood the log; the first good poll after failures says so.
/// </summary>
public sealed class CommFailureLog
{
    const int Limit = 10, Rate = 100;
    int _failures;

    public void Fail(string why)
    {
        _failures++;
        if (_failures == Limit || _failures % Rate == 0)
            NutLog.Warning("Warning: excessive comm failures, limiting error reporting");
        if (_failures > Limit && _failures % Limit != 0)
            return;
        NutLog.Warning($"Communications with UPS lost: {why}");
    }

    public void Good()
    {
        if (_failures == 0)
            return;
        NutLog.Notice("Communications with UPS re-established");
        _failures = 0;
    }
}
