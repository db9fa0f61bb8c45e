using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace Upstream.ServiceDefaults.Data;

/// <summary>
/// Compares the EF Core model with the schema the migrations produced: every mapped table and column exists
/// with the same type and nullability, every unique index the model relies on exists, and no column the model
/// does not know is NOT NULL without a default (inserts would fail). Each service's tests run this, so model
/// and migrations cannot drift apart.
/// </summary>
public static class SchemaAgreement
{
    public static async Task<IReadOnlyList<string>> FindDifferencesAsync(DbContext context, CancellationToken cancellationToken = default)
    {
        var model = context.GetService<IDesignTimeModel>().Model.GetRelationalModel();
        var connection = (NpgsqlConnection)context.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            var differences = new List<string>();
            foreach (var table in model.Tables)
            {
                var schema = table.Schema ?? "public";
                var columns = await ReadColumnsAsync(connection, schema, table.Name, cancellationToken).ConfigureAwait(false);
                if (columns.Count == 0)
                {
                    differences.Add($"Table {schema}.{table.Name} is in the model but not in the database.");
                    continue;
                }

                foreach (var column in table.Columns.Where(c => !IsSystemColumn(c.Name)))
                {
                    if (!columns.TryGetValue(column.Name, out var actual))
                    {
                        differences.Add($"Column {table.Name}.{column.Name} is in the model but not in the database.");
                        continue;
                    }

                    if (Normalize(column.StoreType) != Normalize(actual.Type))
                    {
                        differences.Add($"Column {table.Name}.{column.Name} is {column.StoreType} in the model but {actual.Type} in the database.");
                    }

                    if (column.IsNullable != actual.Nullable)
                    {
                        differences.Add($"Column {table.Name}.{column.Name} is {(column.IsNullable ? "nullable" : "NOT NULL")} in the model but {(actual.Nullable ? "nullable" : "NOT NULL")} in the database.");
                    }
                }

                var mapped = table.Columns.Select(c => c.Name).ToHashSet();
                differences.AddRange(columns.Values
                    .Where(c => !mapped.Contains(c.Name) && !c.Nullable && !c.HasDefault)
                    .Select(c => $"Column {table.Name}.{c.Name} is NOT NULL without a default in the database but not in the model: inserts would fail."));

                var uniques = await ReadUniqueIndexesAsync(connection, schema, table.Name, cancellationToken).ConfigureAwait(false);
                var wanted = table.UniqueConstraints.Select(u => u.Columns.Select(c => c.Name))
                    .Concat(table.Indexes.Where(i => i.IsUnique).Select(i => i.Columns.Select(c => c.Name)));
                differences.AddRange(wanted
                    .Select(cols => string.Join(",", cols))
                    .Where(key => !uniques.Contains(key))
                    .Select(key => $"Unique key ({key}) on {table.Name} is in the model but not in the database."));
            }

            return differences;
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync().ConfigureAwait(false);
            }
        }
    }

    private sealed record DbColumn(string Name, string Type, bool Nullable, bool HasDefault);

    private static async Task<Dictionary<string, DbColumn>> ReadColumnsAsync(NpgsqlConnection connection, string schema, string table, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT a.attname, format_type(a.atttypid, a.atttypmod), NOT a.attnotnull, a.atthasdef OR a.attidentity <> ''
            FROM pg_attribute a
            JOIN pg_class c ON c.oid = a.attrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = @schema AND c.relname = @table AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
            """;
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("schema", schema);
        command.Parameters.AddWithValue("table", table);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var columns = new Dictionary<string, DbColumn>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            columns[reader.GetString(0)] = new DbColumn(reader.GetString(0), reader.GetString(1), reader.GetBoolean(2), reader.GetBoolean(3));
        }

        return columns;
    }

    private static async Task<HashSet<string>> ReadUniqueIndexesAsync(NpgsqlConnection connection, string schema, string table, CancellationToken cancellationToken)
    {
        // Column order as declared in the index, matching the model's column order.
        const string sql = """
            SELECT string_agg(a.attname, ',' ORDER BY k.ord)
            FROM pg_index i
            JOIN pg_class c ON c.oid = i.indrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
            WHERE n.nspname = @schema AND c.relname = @table AND i.indisunique
            GROUP BY i.indexrelid
            """;
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("schema", schema);
        command.Parameters.AddWithValue("table", table);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var keys = new HashSet<string>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }

    // PostgreSQL's own row-version column (xmin) exists on every table and is never created by a migration.
    private static bool IsSystemColumn(string name) => name is "xmin" or "xmax" or "ctid" or "cmin" or "cmax" or "tableoid";

    // The same type has several spellings in PostgreSQL; compare the canonical one.
    private static string Normalize(string type)
    {
        var t = type.Trim().ToLowerInvariant();
        return t switch
        {
            "int" or "int4" => "integer",
            "int8" => "bigint",
            "int2" => "smallint",
            "bool" => "boolean",
            "float8" => "double precision",
            "float4" => "real",
            "timestamptz" => "timestamp with time zone",
            "timestamp" => "timestamp without time zone",
            _ when t.StartsWith("varchar", StringComparison.Ordinal) => "character varying" + t["varchar".Length..],
            _ => t,
        };
    }
}
