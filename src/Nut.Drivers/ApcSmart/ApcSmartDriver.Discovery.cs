using Nut.Core.State;
using Nut.Drivers.Host;
using Nut.Platform;

namespace Nut.Drivers.ApcSmart;

// Capability discovery (NUT's getbaseinfo): which variables and commands this unit has, and the values the
// writable ones may take.
public sealed partial class ApcSmartDriver
{
    /// <summary>Firmware whose ^Z list is known to run past its end (tolerated instead of fatal).</summary>
    const string QuirkyCapabilityFirmware = "451.2.I";

    /// <summary>Length of the two string variables (ups.id, battery.date).</summary>
    public const int StringLength = 8;

    enum FirmwareMatch { None, Matched, Quirky }

    bool Discover()
    {
        var fw = FirmwareTableLookup();
        if (fw == FirmwareMatch.Matched)
            return true;
        NutLog.Debug(1, "attempting var/cmdset lookup using [a]");
        Link.Flush(alertAware: false);
        if (!Link.Write('a'))
            return false;
        var r = Link.ReadLine(ApcFilter.CommandSet, ApcSmartLink.Long, timeoutAllowed: true);
        if (r.Failed)
            return false;
        if (r.Length == 0 || r.Is("NA") || !ApcSmartConvert.Matches(@"^[0-9]\.[^.]*\.[^.]+(\.[^.]+)?$", r.Text))
        {
            NutLog.Notice("very old or unknown APC model, support will be limited");
            OldModelSetup();
            return true;
        }
        NutLog.Debug(1, "parsing out supported cmds/vars");
        // version.alerts.commands[.more]
        string commands = r.Text!.Split('.')[2];
        foreach (char c in commands)
            Verify(c);
        DeprecateVariables();
        if (commands.Contains('\u001a'))
        {
            NutLog.Debug(1, "parsing out caps");
            ReadCapabilities(fw == FirmwareMatch.Quirky);
        }
        return true;
    }

    /// <summary>Old units that do not answer 'a': the firmware from 'V' (or 'b') picks a known command list.</summary>
    FirmwareMatch FirmwareTableLookup()
    {
        NutLog.Debug(1, "attempting firmware lookup using [V]");
        Link.Flush(alertAware: false);
        if (!Link.Write('V'))
            return FirmwareMatch.None;
        var r = Link.ReadLine(ApcFilter.Plain, ApcSmartLink.Normal, timeoutAllowed: true);
        if (r.Failed)
            return FirmwareMatch.None;
        if (r.Length == 0 || r.Is("NA"))
        {
            // Some units know both; 'b' does not always give the firmware, so it is only the second choice.
            NutLog.Debug(1, "attempting firmware lookup using [b]");
            if (!Link.Write('b'))
                return FirmwareMatch.None;
            r = Link.ReadLine(ApcFilter.Plain, ApcSmartLink.Normal, timeoutAllowed: true);
            if (r.Length < 1)
                return FirmwareMatch.None;
        }
        string firmware = r.Text ?? "";
        NutLog.Debug(1, $"detected firmware version: {firmware}");
        if (firmware == QuirkyCapabilityFirmware)
        {
            NutLog.Debug(1, "WARN: quirky firmware !");
            return FirmwareMatch.Quirky;
        }
        if (ApcSmartConvert.Matches("^[a-fA-F0-9]{2}$", firmware))
            firmware = "set\u0001";
        foreach (var (known, chars) in ApcSmartTables.Compatibility)
        {
            if (known != firmware)
                continue;
            NutLog.Debug(1, $"matched firmware: {known}");
            Host.State.SetInfo("ups.model", known[0] is '0' or '5' ? "Matrix-UPS" : "Smart-UPS");
            NutLog.Debug(1, "parsing out supported cmds and vars");
            foreach (char c in chars)
                Verify(c);
            DeprecateVariables();
            return FirmwareMatch.Matched;
        }
        return FirmwareMatch.None;
    }

    /// <summary>A command character the unit reported: the variables it reads, else the instant commands it runs.</summary>
    void Verify(char c)
    {
        if (ApcSmartTables.UnreportedCommands.Contains(c))
            return;
        bool found = false;
        foreach (var v in _vars.Where(v => v.Command == c))
        {
            VerifyVariable(v);
            found = true;
        }
        if (found)
            return;
        foreach (var cmd in ApcSmartTables.Commands.Where(cmd => cmd.Command == c))
        {
            _presentCommands.Add(cmd);
            Host.State.AddCommand(cmd.Name);
            NutLog.Debug(1, $"{cmd.Name} [{ApcSmartConvert.Show(c)}] - command supported");
            found = true;
        }
        if (!found)
            NutLog.Warning($"[{ApcSmartConvert.Show(c)}] unrecognized");
    }

    void VerifyVariable(ApcVariable v)
    {
        if (v.Has(ApcVarKind.Multi))
        {
            v.Present = true; // settled by DeprecateVariables
            return;
        }
        string? raw = PreRead(v);
        if (raw is null || !ApcSmartConvert.Matches(v.Pattern, raw))
        {
            NutLog.Warning($"{v.Name} [{ApcSmartConvert.Show(v.Command)}] - variable invalid");
            return;
        }
        v.Present = true;
        Publish(v, raw);
        SetUpString(v);
        NutLog.Debug(1, $"{v.Name} [{ApcSmartConvert.Show(v.Command)}] - variable supported");
    }

    string? PreRead(ApcVariable v)
    {
        NutLog.Debug(1, $"preread_data: {v.Name} [{ApcSmartConvert.Show(v.Command)}]");
        Link.Flush(alertAware: false);
        if (!Link.Write(v.Command))
            return null;
        var r = Link.ReadLine(ApcFilter.Plain, ApcSmartLink.Normal, timeoutAllowed: true);
        if (r.Length < 1 || r.Is("NA"))
        {
            if (!r.Failed)
                NutLog.Error($"preread_data: {v.Name} [{ApcSmartConvert.Show(v.Command)}] timed out or not supported");
            return null;
        }
        return r.Text;
    }

    void SetUpString(ApcVariable v)
    {
        if (!v.Has(ApcVarKind.String))
            return;
        Host.State.SetFlags(v.Name, VariableFlags.ReadWrite | VariableFlags.String);
        Host.State.SetAux(v.Name, StringLength);
        v.Writable = true;
    }

    /// <summary>
    /// Where several queries give one NUT name (firmware: 'b' or 'V') or one query several names ('T': ambient
    /// temperature or uptime), the first in table order whose answer fits its pattern wins and the others go.
    /// </summary>
    void DeprecateVariables()
    {
        for (int i = 0; i < _vars.Count; i++)
        {
            var v = _vars[i];
            if (!v.Has(ApcVarKind.Multi) || !v.Present)
                continue;
            string? raw = PreRead(v);
            if (raw is null || !ApcSmartConvert.Matches(v.Pattern, raw))
            {
                v.Present = false;
                NutLog.Warning($"{v.Name} [{ApcSmartConvert.Show(v.Command)}] - variable combination invalid");
                continue;
            }
            for (int j = i + 1; j < _vars.Count; j++)
                if (_vars[j].Name == v.Name || _vars[j].Command == v.Command)
                    _vars[j].Present = false;
            Publish(v, raw);
            SetUpString(v);
            NutLog.Debug(1, $"{v.Name} [{ApcSmartConvert.Show(v.Command)}] - variable combination supported");
        }
    }

    /// <summary>
    /// The ^Z list: '#', then entries of command character, locale, count and length (as '0'+n), and the values.
    /// Entries for this unit's locale (the firmware's last character) or for all ('4') make the variable writable
    /// with those values. Matrix units repeat '#' before each entry.
    /// </summary>
    void ReadCapabilities(bool overflowExpected)
    {
        string? firmware = Host.State.GetInfo("ups.firmware");
        char locale = string.IsNullOrEmpty(firmware) ? '\0' : firmware[^1];
        Link.Flush(alertAware: false);
        if (!Link.Write('\u001a'))
            return;
        var r = Link.ReadLine(ApcFilter.Capabilities, ApcSmartLink.Long, timeoutAllowed: true);
        if (r.Length < 1 || r.Is("NA"))
        {
            if (!r.Failed)
                NutLog.Warning("APC cannot do capabilities but said it could !");
            return;
        }
        string caps = r.Text!;
        char At(int i) => i < caps.Length ? caps[i] : '\0';
        if (caps[0] != '#')
        {
            NutLog.Warning($"unknown capability start char [{caps[0]}] !");
            NutLog.Debug(1, $"please report this caps string: {caps}");
            return;
        }
        bool matrix = At(1) == '#';
        int p = matrix ? 0 : 1;
        while (At(p) != '\0')
        {
            if (matrix)
                p += 2;
            if (p >= caps.Length)
            {
                if (overflowExpected)
                    return;
                throw new DriverFatalException("capability string has overflowed, please report this error !");
            }
            char cmd = At(p), loc = At(p + 1);
            if (At(p + 2) < '0' || At(p + 3) < '0')
                throw new DriverFatalException("nument or entlen out of range\nPlease report this error\nERROR: capability overflow!");
            int count = At(p + 2) - '0', length = At(p + 3) - '0';
            int entry = p + 4;
            var v = ByCommand(cmd);
            bool valid = v is not null && (loc == locale || loc == '4') && !v.Has(ApcVarKind.Pack);
            if (valid)
            {
                NutLog.Debug(1, $"{v!.Name} [{ApcSmartConvert.Show(cmd)}({loc})] - capability supported");
                Host.State.SetFlags(v.Name, VariableFlags.ReadWrite);
                v.Writable = v.Enumerated = true;
            }
            else if (v is not null && v.Has(ApcVarKind.Pack))
            {
                NutLog.Warning($"WARN: packed APC variable {v.Name} [{ApcSmartConvert.Show(cmd)}] reported as enumerable,\nplease report it on the mailing list");
            }
            for (int i = 0; i < count; i++)
            {
                if (valid)
                {
                    string value = entry < caps.Length ? caps.Substring(entry, Math.Min(length, caps.Length - entry)) : "";
                    Host.State.AddEnum(v!.Name, ApcSmartConvert.ToNut(v.Format, value));
                }
                entry += length;
            }
            p = entry;
        }
    }

    /// <summary>Units that answer neither a known firmware nor 'a': the few basic queries, tried one by one.</summary>
    void OldModelSetup()
    {
        foreach (var name in new[] { "ups.temperature", "ups.load", "input.voltage", "output.voltage", "battery.charge", "battery.voltage",
                     "ups.model", "ups.serial", "ups.firmware", "output.current" })
            foreach (var v in _vars.Where(v => v.Name == name))
                VerifyVariable(v);
        DeprecateVariables();
        if (ByName("output.current") is not null)
            Host.State.SetInfo("ups.model", "Matrix-UPS");
        else if (ByName("ups.model") is null)
            Host.State.SetInfo("ups.model", "Smart-UPS");
    }
}
