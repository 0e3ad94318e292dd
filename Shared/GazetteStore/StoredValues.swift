import GRDB
import GazetteModel

// How the model's typed values are stored: dates as `YYYY-MM-DD` text (they sort and compare as
// text in SQL), money and measures as exact decimal text (GRDB's `Decimal`), closed sets of
// values as their codes.

extension CivilDate: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { description.databaseValue }

    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> CivilDate? {
        String.fromDatabaseValue(dbValue).flatMap { CivilDate($0) }
    }
}

/// A record of one table: properties in camelCase, columns in snake_case, typed values
/// (`CivilDate`, `Decimal`, closed enums) converted once, here, never at each use.
public protocol StoredRecord: Codable, FetchableRecord, MutablePersistableRecord {}

extension StoredRecord {
    public static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy { .convertFromSnakeCase }
    public static var databaseColumnEncodingStrategy: DatabaseColumnEncodingStrategy { .convertToSnakeCase }
}

/// A record whose table numbers its rows: the id is nil until it is inserted.
public protocol NumberedRecord: StoredRecord {
    var id: Int64? { get set }
}

extension NumberedRecord {
    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
