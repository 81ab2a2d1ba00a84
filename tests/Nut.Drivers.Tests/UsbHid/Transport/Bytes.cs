namespace Nut.Drivers.Tests.UsbHid.TransportTests;

/// <summary>Byte arrays written inline in assertions (a collection expression cannot pick byte as the element type there).</summary>
static class Bytes
{
    public static byte[] B(params byte[] bytes) => bytes;
}
