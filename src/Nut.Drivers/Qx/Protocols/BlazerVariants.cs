namespace Nut.Drivers.Qx.Protocols;

/// <summary>Start-up configuration the Megatec family shares: the delays and the norating / novendor flags.</summary>
public static class BlazerVariants
{
    /// <summary>Delays from ondelay / offdelay (or the protocol's defaults); F skipped with norating, I with novendor.</summary>
    public static void Configure(QxEngine engine, string defaultOnDelay = "180", string defaultOffDelay = "30")
    {
        if (engine.FindItem("ups.delay.start", QxFlags.SetVar) is { } start)
            start.Default = engine.Setting("ondelay") ?? defaultOnDelay;
        if (engine.FindItem("ups.delay.shutdown", QxFlags.SetVar) is { } shutdown)
            shutdown.Default = engine.Setting("offdelay") ?? defaultOffDelay;
        bool noRating = engine.Flag("norating"), noVendor = engine.Flag("novendor");
        foreach (var item in engine.Items)
        {
            if (noRating && item.Command == "F" && item.Has(QxFlags.Static))
                item.Flags |= QxFlags.Skip;
            if (noVendor && item.Command is "I" or "FW?" && item.Has(QxFlags.Static))
                item.Flags |= QxFlags.Skip;
        }
    }
}
