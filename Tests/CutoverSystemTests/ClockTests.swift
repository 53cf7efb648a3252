import CutoverSystem
import Foundation
import Testing

@Suite struct ClockTests {
    /// RFC 3339 in UTC with exactly three fraction digits, truncated, also before 1970.
    @Test func timestamps() {
        #expect(Timestamp.rfc3339Milliseconds(Date(timeIntervalSince1970: 1_795_435_200.123))
            == "2026-11-23T12:00:00.123Z")
        #expect(Timestamp.rfc3339Milliseconds(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
        #expect(Timestamp.rfc3339Milliseconds(Date(timeIntervalSince1970: 1_700_000_000.9999))
            == "2023-11-14T22:13:20.999Z")
        #expect(Timestamp.rfc3339Milliseconds(Date(timeIntervalSince1970: -0.5)) == "1969-12-31T23:59:59.500Z")
    }

    /// Time stamps from many threads at once agree with a single-threaded computation.
    @Test func timestampsAcrossThreads() {
        let dates = (0..<64).map { Date(timeIntervalSince1970: 1_600_000_000 + Double($0) * 86_400.25) }
        let expected = dates.map(Timestamp.rfc3339Milliseconds)
        DispatchQueue.concurrentPerform(iterations: 64) { index in
            precondition(Timestamp.rfc3339Milliseconds(dates[index]) == expected[index])
        }
    }

    /// The system clock tells the time and sleeps about as long as asked.
    @Test func systemClock() {
        let clock = SystemClock()
        #expect(abs(clock.now().timeIntervalSinceNow) < 1)
        let started = Date()
        clock.sleep(seconds: 0.2)
        let slept = Date().timeIntervalSince(started)
        #expect(slept >= 0.19 && slept < 2)
    }
}
