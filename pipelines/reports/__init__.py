"""What serapan writes for people: OPD feedback workbooks and leadership briefings."""
