"""Reading payment, shop and bank exports into normalised records (pure: no database).

A profile recognises its export by the header (found past preamble lines, never by the file
name) and fixes its delimiter, decimal mark, date order and sign rule; `detect.read_export`
decodes the bytes, picks the profile and returns the records with their keys.
"""
