<?xml version="1.0" encoding="UTF-8"?>
<lexicon xmlns="http://www.w3.org/2005/01/pronunciation-lexicon" version="1.0" alphabet="ipa" xml:lang="es-ES">
  <!--
  How pages in español say shared terms that are said as a word (W3C PLS 1.0). On such a
  page the English respellings of lexicon.pls ("see-pap", "eye-so") are not used: a term
  listed here is said as written here, any other all-capitals term is spelled with the
  letter names of the page's voice. A lexicon.pls beside the sources still overrides both.
-->
  <lexeme><grapheme>ECMO</grapheme><alias>ecmo</alias></lexeme>
  <lexeme><grapheme>COVID</grapheme><alias>covid</alias></lexeme>
  <lexeme><grapheme>COVID-19</grapheme><alias>covid diecinueve</alias></lexeme>
  <lexeme><grapheme>SARS</grapheme><alias>sars</alias></lexeme>
  <lexeme><grapheme>CPAP</grapheme><alias>cepap</alias></lexeme>
  <lexeme><grapheme>ISO</grapheme><alias>iso</alias></lexeme>
  <lexeme><grapheme>RAM</grapheme><alias>ram</alias></lexeme>
  <lexeme><grapheme>RAID</grapheme><alias>raid</alias></lexeme>
  <lexeme><grapheme>NASA</grapheme><alias>nasa</alias></lexeme>
  <lexeme><grapheme>LASER</grapheme><alias>láser</alias></lexeme>
  <lexeme><grapheme>RADAR</grapheme><alias>radar</alias></lexeme>
  <lexeme><grapheme>Wi-Fi</grapheme><alias>wifi</alias></lexeme>
  <lexeme><grapheme>WiFi</grapheme><alias>wifi</alias></lexeme>
  <lexeme><grapheme>JSON</grapheme><alias>yeison</alias></lexeme>
</lexicon>
