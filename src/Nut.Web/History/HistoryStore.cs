using Microsoft.Data.Sqlite;
using Nut.Web.Watching;

namespace Nut.Web.History;

/// <summary>
/// The history in SQLite: samples (what the graphs plot) and events (the status log). One connection, used
/// under a lock: writes are a few rows a second at most, and a graph query over a month of 10-second samples
/// takes milliseconds with the (ups, t) index. Times are Unix milliseconds (UTC): status changes a poll apart
/// must stay apart. In-memory when no file is given.
/// </summary>
public sealed class HistoryStore : IDisposable
{
    readonly SqliteConnection _db;
    readonly Lock _lock = new();

    public string? File { get; }

    HistoryStore(SqliteConnection db, string? file) => (_db, File) = (db, file);

    /// <summary>Opens (creating if needed) the store; <paramref name="file"/> null keeps it in memory.</summary>
    public static HistoryStore Open(string? file)
    {
        if (file is not null && Path.GetDirectoryName(Path.GetFullPath(file)) is { } dir)
            Directory.CreateDirectory(dir);
        var db = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = file ?? ":memory:",
            Mode = file is null ? SqliteOpenMode.Memory : SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString());
        db.Open();
        var store = new HistoryStore(db, file);
        store.Execute("""
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = NORMAL;
            CREATE TABLE IF NOT EXISTS samples (
                ups TEXT NOT NULL, t INTEGER NOT NULL,
                charge REAL, runtime REAL, load REAL, input_voltage REAL, output_voltage REAL, temperature REAL,
                on_battery INTEGER NOT NULL, status TEXT);
            CREATE INDEX IF NOT EXISTS samples_ups_t ON samples (ups, t);
            CREATE TABLE IF NOT EXISTS events (
                ups TEXT NOT NULL, t INTEGER NOT NULL, kind TEXT NOT NULL, text TEXT NOT NULL, severity TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS events_ups_t ON events (ups, t);
            """);
        return store;
    }

    void Execute(string sql)
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    public void Add(IReadOnlyCollection<HistorySample> samples)
    {
        if (samples.Count == 0)
            return;
        lock (_lock)
        {
            using var tx = _db.BeginTransaction();
            using var cmd = _db.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = """
                INSERT INTO samples (ups, t, charge, runtime, load, input_voltage, output_voltage, temperature, on_battery, status)
                VALUES ($ups, $t, $charge, $runtime, $load, $in, $out, $temp, $ob, $status)
                """;
            var p = new[] { "$ups", "$t", "$charge", "$runtime", "$load", "$in", "$out", "$temp", "$ob", "$status" }
                .Select(name => cmd.Parameters.Add(new SqliteParameter { ParameterName = name })).ToArray();
            foreach (var s in samples)
            {
                p[0].Value = s.UpsId;
                p[1].Value = s.Time.ToUnixTimeMilliseconds();
                p[2].Value = Db(s.Charge);
                p[3].Value = Db(s.Runtime);
                p[4].Value = Db(s.Load);
                p[5].Value = Db(s.InputVoltage);
                p[6].Value = Db(s.OutputVoltage);
                p[7].Value = Db(s.Temperature);
                p[8].Value = s.OnBattery ? 1 : 0;
                p[9].Value = (object?)s.Status ?? DBNull.Value;
                cmd.ExecuteNonQuery();
            }
            tx.Commit();
        }
    }

    public void Add(IReadOnlyCollection<UpsEvent> events)
    {
        if (events.Count == 0)
            return;
        lock (_lock)
        {
            using var tx = _db.BeginTransaction();
            using var cmd = _db.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = "INSERT INTO events (ups, t, kind, text, severity) VALUES ($ups, $t, $kind, $text, $sev)";
            var p = new[] { "$ups", "$t", "$kind", "$text", "$sev" }
                .Select(name => cmd.Parameters.Add(new SqliteParameter { ParameterName = name })).ToArray();
            foreach (var e in events)
            {
                p[0].Value = e.UpsId;
                p[1].Value = e.Time.ToUnixTimeMilliseconds();
                p[2].Value = e.Kind;
                p[3].Value = e.Text;
                p[4].Value = e.Severity.ToString().ToLowerInvariant();
                cmd.ExecuteNonQuery();
            }
            tx.Commit();
        }
    }

    static object Db(double? value) => value is { } v ? v : DBNull.Value;

    /// <summary>The newest events of a UPS, newest first.</summary>
    public List<UpsEvent> Events(string upsId, int limit)
    {
        lock (_lock)
        {
            using var cmd = _db.CreateCommand();
            cmd.CommandText = "SELECT t, kind, text, severity FROM events WHERE ups = $ups ORDER BY t DESC, rowid DESC LIMIT $limit";
            cmd.Parameters.AddWithValue("$ups", upsId);
            cmd.Parameters.AddWithValue("$limit", limit);
            using var r = cmd.ExecuteReader();
            var list = new List<UpsEvent>();
            while (r.Read())
                list.Add(new UpsEvent(upsId, DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(0)), r.GetString(1), r.GetString(2),
                    Enum.TryParse<Severity>(r.GetString(3), ignoreCase: true, out var sev) ? sev : Severity.Info));
            return list;
        }
    }

    /// <summary>The samples of a UPS between two times (Unix milliseconds), averaged into about
    /// <paramref name="points"/> buckets (so an hour and a month cost the browser the same), with the on-battery
    /// periods. A bucket is at least a millisecond: a short range shows every sample.</summary>
    public HistorySeries Series(string upsId, long fromMs, long toMs, int points)
    {
        points = Math.Clamp(points, 10, 5000);
        long bucket = Math.Max(1, (toMs - fromMs + points - 1) / points);
        var time = new List<long>();
        var cols = Enumerable.Range(0, 6).Select(_ => new List<double?>()).ToArray();
        var periods = new List<long[]>();
        lock (_lock)
        {
            using var cmd = _db.CreateCommand();
            cmd.CommandText = """
                SELECT MIN(t), AVG(charge), AVG(runtime), AVG(load), AVG(input_voltage), AVG(output_voltage), AVG(temperature),
                       MAX(on_battery), MAX(t)
                FROM samples WHERE ups = $ups AND t >= $from AND t <= $to
                GROUP BY (t - $from) / $bucket ORDER BY 1
                """;
            cmd.Parameters.AddWithValue("$ups", upsId);
            cmd.Parameters.AddWithValue("$from", fromMs);
            cmd.Parameters.AddWithValue("$to", toMs);
            cmd.Parameters.AddWithValue("$bucket", bucket);
            using var r = cmd.ExecuteReader();
            long[]? open = null;
            while (r.Read())
            {
                long t = r.GetInt64(0);
                time.Add(t);
                for (int i = 0; i < cols.Length; i++)
                    cols[i].Add(r.IsDBNull(i + 1) ? null : Math.Round(r.GetDouble(i + 1), 2));
                bool ob = r.GetInt64(7) != 0;
                long last = r.GetInt64(8);
                if (ob && open is null)
                    periods.Add(open = [t, last]);
                else if (ob)
                    open![1] = last;
                else if (open is not null)
                {
                    open[1] = t; // on line again by this bucket's first sample
                    open = null;
                }
            }
        }
        return new HistorySeries(fromMs, toMs, bucket, [.. time], [.. cols[0]], [.. cols[1]], [.. cols[2]], [.. cols[3]], [.. cols[4]], [.. cols[5]], [.. periods]);
    }

    /// <summary>The samples battery health needs since <paramref name="fromMs"/>: those on battery and the first one
    /// after each outage (which ends it). A year of 10-second samples is millions of rows; outages are a few
    /// thousand.</summary>
    public List<Nut.Core.Health.HealthSample> HealthSamples(string upsId, long fromMs)
    {
        lock (_lock)
        {
            using var cmd = _db.CreateCommand();
            cmd.CommandText = """
                SELECT t, charge, load, runtime, on_battery FROM (
                    SELECT t, charge, load, runtime, on_battery, LAG(on_battery) OVER (ORDER BY t) AS before
                    FROM samples WHERE ups = $ups AND t >= $from)
                WHERE on_battery = 1 OR before = 1 ORDER BY t
                """;
            cmd.Parameters.AddWithValue("$ups", upsId);
            cmd.Parameters.AddWithValue("$from", fromMs);
            using var r = cmd.ExecuteReader();
            var list = new List<Nut.Core.Health.HealthSample>();
            double? Num(int i) => r.IsDBNull(i) ? null : r.GetDouble(i);
            while (r.Read())
                list.Add(new Nut.Core.Health.HealthSample(DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(0)), Num(1), Num(2), Num(3), r.GetInt64(4) != 0));
            return list;
        }
    }

    /// <summary>How many samples a UPS has (for tests and the import's report).</summary>
    public long Count(string upsId)
    {
        lock (_lock)
        {
            using var cmd = _db.CreateCommand();
            cmd.CommandText = "SELECT COUNT(*) FROM samples WHERE ups = $ups";
            cmd.Parameters.AddWithValue("$ups", upsId);
            return (long)cmd.ExecuteScalar()!;
        }
    }

    /// <summary>Deletes what is older than the retention; returns the rows removed. On-battery samples are
    /// kept until <paramref name="outagesOlderThan"/> (battery health learns from outages over a year or more,
    /// and they are a sliver of the rows); everything else goes at <paramref name="olderThan"/>.</summary>
    public int Prune(DateTimeOffset olderThan, DateTimeOffset outagesOlderThan)
    {
        lock (_lock)
        {
            using var cmd = _db.CreateCommand();
            cmd.CommandText = """
                DELETE FROM samples WHERE t < $t AND (on_battery = 0 OR t < $outages);
                DELETE FROM events WHERE t < $t;
                """;
            cmd.Parameters.AddWithValue("$t", olderThan.ToUnixTimeMilliseconds());
            cmd.Parameters.AddWithValue("$outages", Math.Min(outagesOlderThan.ToUnixTimeMilliseconds(), olderThan.ToUnixTimeMilliseconds()));
            return cmd.ExecuteNonQuery();
        }
    }

    public void Dispose()
    {
        lock (_lock)
            _db.Dispose();
    }
}
