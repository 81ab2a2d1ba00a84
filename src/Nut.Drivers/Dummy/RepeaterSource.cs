using Nut.Client;
using Nut.Platform;

namespace Nut.Drivers.Dummy;

/// <summary>
/// dummy-ups' repeater mode: follows a UPS on another NUT server with LIST VAR every cycle. A failed cycle
/// disconnects and reconnects (logging "Reconnected" or "Error reconnecting: ..."); as in NUT 2.8 the data is
/// not marked stale meanwhile, and variables that vanish upstream are kept.
/// </summary>
public sealed class RepeaterSource : IDisposable
{
    readonly UpsAddress? _address;
    readonly string? _parseError;
    NutConnection? _connection;

    public RepeaterSource(string port)
    {
        _address = UpsAddress.TryParse(port, out _parseError);
    }

    /// <summary>Connects; returns null or the error text.</summary>
    public string? Connect()
    {
        if (_address is null)
            return _parseError ?? "invalid UPS definition";
        try
        {
            _connection = NutConnection.ConnectAsync(_address.Host, _address.Port).GetAwaiter().GetResult();
            return null;
        }
        catch (NutClientException e)
        {
            return e.Message;
        }
    }

    /// <summary>The upstream variables, or null when this cycle failed.</summary>
    public List<KeyValuePair<string, string>>? Poll()
    {
        if (_connection is null)
        {
            if (Connect() is { } error)
            {
                NutLog.Warning($"Error reconnecting: {error}");
                return null;
            }
            NutLog.Info("Reconnected");
        }
        try
        {
            return _connection!.ListVariablesAsync(_address!.UpsName).GetAwaiter().GetResult();
        }
        catch (NutClientException e)
        {
            NutLog.Warning($"Error: {e.Message}");
            _connection!.DisposeAsync().AsTask().GetAwaiter().GetResult();
            _connection = null;
            return null;
        }
    }

    public void Dispose() => _connection?.DisposeAsync().AsTask().GetAwaiter().GetResult();
}
