import CutoverFormats
import Testing

@Suite("dovecot-uidlist, Maildir names, quota rules")
struct DovecotUIDListTests {
    /// Version 3: UIDVALIDITY, next UID and GUID from the header; UIDs and file names with extension fields.
    @Test func parsesVersion3() throws {
        let list = try DovecotUIDList.parse("""
            3 V1700000300 N4294967002 Gac6457fbff55ca63b76b498a7e834811 C1700000000
            4294967000 :1700061200.M17P117.demo
            4294967001 W1234 S1200 :1700064800.M18P118.demo

            """, file: "heidi/dovecot-uidlist")
        #expect(list.version == 3 && list.uidValidity == 1_700_000_300 && list.nextUID == 4_294_967_002)
        #expect(list.guid == "ac6457fbff55ca63b76b498a7e834811")
        #expect(list.records.map(\.fileName) == ["1700061200.M17P117.demo", "1700064800.M18P118.demo"])
        #expect(list.records.map(\.uid) == [4_294_967_000, 4_294_967_001])
    }

    /// Version 1: `1 <uidvalidity> <nextuid>`, records `<uid> <filename>`.
    @Test func parsesVersion1() throws {
        let list = try DovecotUIDList.parse("1 1100000000 3\r\n1 1100000001.M1P1.host\r\n", file: "old")
        #expect(list.version == 1 && list.uidValidity == 1_100_000_000 && list.nextUID == 3 && list.guid == nil)
        #expect(list.records.map(\.uid) == [1] && list.records.map(\.fileName) == ["1100000001.M1P1.host"])
        #expect(list.records.map(\.line) == [2])
    }

    /// Every bad line is reported with the file and its line number.
    @Test func reportsFileAndLine() {
        let error = #expect(throws: InputProblems.self) {
            try DovecotUIDList.parse("3 V1 N2\nx :a\n2 b\n", file: "bob/dovecot-uidlist")
        }
        #expect(error?.problems.map(\.line) == [2, 3])
        #expect(error?.problems.allSatisfy { $0.file == "bob/dovecot-uidlist" } == true)
        for header in ["", "3 N2", "3 V1", "2 1 2", "1 x 2"] {
            #expect(throws: InputProblems.self, "\(header)") { try DovecotUIDList.parse(header, file: "f") }
        }
    }

    /// The unique part stops at ":2," and at Dovecot's ",S=" size fields.
    @Test func maildirUniquePart() {
        #expect(MaildirFileName.uniquePart(of: "1700003600.M1P101.demo:2,RS") == "1700003600.M1P101.demo")
        #expect(MaildirFileName.uniquePart(of: "1700010800.M3P103.demo") == "1700010800.M3P103.demo")
        #expect(MaildirFileName.uniquePart(of: "1700.M1P1.host,S=1234,W=1260:2,S") == "1700.M1P1.host")
    }

    /// `quota_rule` and `userdb_quota_rule` storage limits in powers of 1024; none, 0 and percentages give nil.
    @Test func quotaRules() {
        #expect(DovecotQuotaRule.storageLimit(inExtraFields: "quota_rule=*:storage=1G") == 1 << 30)
        #expect(DovecotQuotaRule.storageLimit(inExtraFields: "userdb_quota_rule=*:storage=100M") == 100 << 20)
        #expect(DovecotQuotaRule.storageLimit(inExtraFields: "userdb_mail=x quota_rule=*:storage=512") == 512)
        #expect(DovecotQuotaRule.storageLimit(inExtraFields: "quota_rule=*:storage=0") == nil)
        #expect(DovecotQuotaRule.storageLimit(inExtraFields: "quota_rule=Trash:storage=+10%") == nil)
        #expect(DovecotQuotaRule.storageLimit(inExtraFields: "") == nil)
    }
}
