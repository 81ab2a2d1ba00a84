using System.Text.Json.Serialization;

namespace Nut.Monitor.Channels;

/// <summary>Source-generated JSON (NativeAOT: no reflection) for the little the channels serialise.</summary>
[JsonSerializable(typeof(string))]
internal sealed partial class NotifyJson : JsonSerializerContext;
