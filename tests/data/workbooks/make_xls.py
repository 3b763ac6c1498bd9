"""Writes attendance.xls, a legacy Excel 97-2003 (BIFF8) workbook, with xlwt.

Two sheets, both a made-up team's scores for made-up schools:
  attendance - a title row, then the header and rows that attendance.csv holds too
               (a URN as a number and one as text, a blank comment);
  errors     - the same header with #N/A where a score should be (row 4, cell B4).

Run from this folder: python3 make_xls.py  (pip install xlwt)
"""
import xlwt

book = xlwt.Workbook()

team = book.add_sheet("attendance")
team.write(0, 0, "Attendance team - autumn ratings (draft)")
for col, header in enumerate(["urn", "score", "comment", "persistent_absence_pct"]):
    team.write(2, col, header)
rows = [
    (100001, 3, "PA rising since spring", 24.1),
    ("100002", 2, "", 11.5),
    (100003, 1, "Steady", 8.0),
    (100004, 4, "Two exclusion spikes", 31.2),
]
for i, (urn, score, comment, pa) in enumerate(rows):
    r = 3 + i
    team.write(r, 0, urn)
    team.write(r, 1, score)
    if comment:
        team.write(r, 2, comment)
    team.write(r, 3, pa)

errors = book.add_sheet("errors")
for col, header in enumerate(["urn", "score", "comment"]):
    errors.write(0, col, header)
errors.write(1, 0, 100001)
errors.write(1, 1, 2)
errors.write(2, 0, 100002)
errors.write(2, 1, 1)
errors.write(3, 0, 100003)
# 0x2A is the BIFF code of #N/A (xlwt knows it by number only).
errors.row(3).set_cell_error(1, 0x2A)

book.save("attendance.xls")
