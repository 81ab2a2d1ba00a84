namespace Nut.Drivers.Snmp;

/// <summary>
/// The v3 conversation around each request: engine discovery (an empty unauthenticated GET answered by a report
/// carrying engine ID, boots and time), re-synchronisation on a notInTimeWindow report, re-discovery on an
/// unknownEngineID report (the agent restarted with a new ID), and every other report as SnmpErrorException.
/// </summary>
public sealed class UsmSession(UsmSecurity security)
{
    UsmEngine? _engine;
    UsmCodec? _codec;

    /// <summary>Recovery steps (re-sync, re-discovery) allowed per call before giving up.</summary>
    const int MaxRecoveries = 2;

    public UsmEngine? Engine => _engine;

    public SnmpPdu Exchange(SnmpExchanger exchanger, SnmpPdu request)
    {
        for (int attempt = 0; ; attempt++)
        {
            if (_engine is null)
                Discover(exchanger);
            SnmpPdu answer;
            try
            {
                answer = exchanger.Exchange(_codec!, request);
            }
            catch (SnmpTimeoutException e) when (security.Encrypts)
            {
                // The agent answered discovery, so it is there: net-snmp drops what it cannot decrypt without a report.
                throw new SnmpTimeoutException(e.Message + $"; the agent answered engine discovery, so check privPassword/privProtocol ({security.PrivProtocol}) of user '{security.UserName}'");
            }
            var header = _codec!.LastHeader!;
            if (answer.Type != SnmpPduType.Report)
            {
                if (header.Authenticated)
                    _engine!.Sync(header.Boots, header.Time);
                return answer;
            }
            string oid = answer.VarBinds.Count > 0 ? answer.VarBinds[0].Oid : "";
            bool canRetry = attempt < MaxRecoveries;
            if (oid == UsmReports.NotInTimeWindows && canRetry)
            {
                // RFC 3414 3.2.7: an authenticated notInTimeWindow report carries the agent's clock.
                if (header.Authenticated || !security.Authenticates)
                    _engine!.Sync(header.Boots, header.Time);
                continue;
            }
            if (oid == UsmReports.UnknownEngineIds && canRetry)
            {
                _engine = null;
                continue;
            }
            throw new SnmpErrorException($"SNMPv3 agent {exchanger.Channel.Agent}: {UsmReports.Describe(oid, security)}");
        }
    }

    void Discover(SnmpExchanger exchanger)
    {
        var probe = new UsmCodec(security, null);
        var answer = exchanger.Exchange(probe, new SnmpPdu(SnmpPduType.Get, 0, 0, 0, []));
        var header = probe.LastHeader!;
        if (header.EngineId.Length == 0)
            throw new SnmpErrorException(
                $"SNMPv3 agent {exchanger.Channel.Agent} did not reveal its engine ID (answered {answer.Type} to the discovery probe)");
        _engine = new UsmEngine(header.EngineId, header.Boots, header.Time);
        _codec = new UsmCodec(security, _engine);
    }
}
