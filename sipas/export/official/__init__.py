"""Administrative documents of a survey wave, as a Sở Nội vụ sends them: the report on the
survey's results and the directive to the units below their targets (Word, via
sipas.export.word). Every number and sentence comes from the functions the pages use."""
