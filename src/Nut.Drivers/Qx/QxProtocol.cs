using Nut.Drivers.Host;

namespace Nut.Drivers.Qx;

/// <summary>
/// One Q* protocol ("subdriver" in NUT's nutdrv_qx): its name and version (driver.version.data), its table of
/// items, how it recognises a device, and its own ups.conf settings. The engine (<see cref="QxEngine"/>) does the
/// rest the same way for every protocol.
/// </summary>
public abstract class QxProtocol
{
    /// <summary>e.g. "Megatec" (what <c>protocol=</c> matches, case-insensitively).</summary>
    public abstract string Name { get; }

    /// <summary>e.g. "0.06".</summary>
    public abstract string Version { get; }

    /// <summary>"Megatec 0.06", as logged and published in driver.version.data.</summary>
    public string FullName => $"{Name} {Version}";

    /// <summary>A fresh copy of the protocol's items (the engine may change their flags and defaults).</summary>
    public abstract List<QxItem> CreateItems();

    /// <summary>The settings the protocol adds to the driver's table (NUT's makevartab of the subdriver).</summary>
    public virtual IReadOnlyList<DriverSetting> Settings => [];

    /// <summary>
    /// Whether the device speaks this protocol: by default the claim items are read in order and all must succeed
    /// (their values are published, as NUT does).
    /// </summary>
    public virtual bool Claim(QxEngine engine)
    {
        foreach (string name in ClaimItems)
        {
            var item = engine.FindItem(name, QxFlags.None);
            if (item is null || !engine.ProcessAndPublish(item))
                return false;
        }
        return true;
    }

    /// <summary>The items whose reading proves the protocol (see <see cref="Claim"/>).</summary>
    protected virtual IReadOnlyList<string> ClaimItems => [];

    /// <summary>Adjusts the items to the configuration before the first walk (NUT's subdriver initups).</summary>
    public virtual void InitUps(QxEngine engine) { }

    /// <summary>Runs after the start-up walk (e.g. to publish what only the whole walk can tell).</summary>
    public virtual void AfterInitWalk(QxEngine engine) { }
}
