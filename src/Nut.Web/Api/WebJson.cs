using System.Text.Json;
using System.Text.Json.Serialization;
using Nut.Web.History;
using Nut.Web.Watching;

namespace Nut.Web.Api;

/// <summary>Every type the API reads or writes, serialised by generated code (NativeAOT: no reflection).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(UpsSummary))]
[JsonSerializable(typeof(List<UpsSummary>))]
[JsonSerializable(typeof(UpsDetail))]
[JsonSerializable(typeof(HistorySeries))]
[JsonSerializable(typeof(List<EventEntry>))]
[JsonSerializable(typeof(StreamEvent))]
[JsonSerializable(typeof(LoginRequest))]
[JsonSerializable(typeof(SessionInfo))]
[JsonSerializable(typeof(CommandRequest))]
[JsonSerializable(typeof(SetRequest))]
[JsonSerializable(typeof(CommandOutcome))]
[JsonSerializable(typeof(ApiError))]
[JsonSerializable(typeof(ServiceInfo))]
[JsonSerializable(typeof(Nut.Web.Health.HealthSummary))]
// The OpenAPI document describes the query parameters' types with these; under NativeAOT nothing else can.
[JsonSerializable(typeof(int?))]
[JsonSerializable(typeof(long?))]
[JsonSerializable(typeof(string))]
public sealed partial class WebJson : JsonSerializerContext;
