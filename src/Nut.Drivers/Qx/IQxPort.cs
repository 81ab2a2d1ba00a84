namespace Nut.Drivers.Qx;

/// <summary>How a Q* command reaches the device: a serial line or one of the USB bridges.</summary>
public interface IQxPort : IDisposable
{
    /// <summary>
    /// Sends one command (given without its CR) and returns the device's answer including the CR that ends it,
    /// or null when no complete answer came within the time-out.
    /// </summary>
    string? Exchange(string command);
}
