<?xml version="1.0" encoding="UTF-8"?>
<lexicon xmlns="http://www.w3.org/2005/01/pronunciation-lexicon" version="1.0" alphabet="ipa" xml:lang="en-US">
  <!--
  How the terms that career pages share are said (W3C PLS 1.0), shipped with roleexport and
  extended or overridden by a lexicon.pls beside the sources.

  An <alias> is said instead of the written form (SSML <sub alias>): a word or words
  ("see-pap" for CPAP, "nassa" for NASA) means the term is said as a word. An alias of single
  letters or digits separated by spaces ("R R T") means it is spelled letter by letter
  (SSML <say-as interpret-as="characters">). A capitalised term with no entry anywhere is
  spelled too, and each build lists those it had to spell. Expansions live in glossary.yaml.
-->
  <!-- healthcare -->
  <lexeme><grapheme>ABCP</grapheme><alias>A B C P</alias></lexeme>
  <lexeme><grapheme>ABG</grapheme><alias>A B G</alias></lexeme>
  <lexeme><grapheme>ACT</grapheme><alias>A C T</alias></lexeme>
  <lexeme><grapheme>ARDS</grapheme><alias>A R D S</alias></lexeme>
  <lexeme><grapheme>CAAHEP</grapheme><alias>kay-hep</alias></lexeme>
  <lexeme><grapheme>CABG</grapheme><alias>cabbage</alias></lexeme>
  <lexeme><grapheme>CCP</grapheme><alias>C C P</alias></lexeme>
  <lexeme><grapheme>ECMO</grapheme><alias>eck-mo</alias></lexeme>
  <lexeme><grapheme>ELSO</grapheme><alias>ell-so</alias></lexeme>
  <lexeme><grapheme>IABP</grapheme><alias>I A B P</alias></lexeme>
  <lexeme><grapheme>ICU</grapheme><alias>I C U</alias></lexeme>
  <lexeme><grapheme>INVOS</grapheme><alias>in-vose</alias></lexeme>
  <lexeme><grapheme>OR</grapheme><alias>O R</alias></lexeme>
  <lexeme><grapheme>SvO2</grapheme><grapheme>SvO₂</grapheme><alias>S V O 2</alias></lexeme>
  <lexeme><grapheme>TAVR</grapheme><alias>tav-er</alias></lexeme>
  <lexeme><grapheme>MitraClip</grapheme><alias>my-tra clip</alias></lexeme>
  <lexeme><grapheme>NICU</grapheme><alias>nick-you</alias></lexeme>
  <lexeme><grapheme>PICU</grapheme><alias>pick-you</alias></lexeme>
  <lexeme><grapheme>MICU</grapheme><alias>mick-you</alias></lexeme>
  <lexeme><grapheme>SICU</grapheme><alias>sick-you</alias></lexeme>
  <lexeme><grapheme>CVICU</grapheme><alias>C V I C U</alias></lexeme>
  <lexeme><grapheme>CCU</grapheme><alias>C C U</alias></lexeme>
  <lexeme><grapheme>PACU</grapheme><alias>pack-you</alias></lexeme>
  <lexeme><grapheme>ED</grapheme><alias>E D</alias></lexeme>
  <lexeme><grapheme>ER</grapheme><alias>E R</alias></lexeme>
  <lexeme><grapheme>L&amp;D</grapheme><alias>L and D</alias></lexeme>
  <lexeme><grapheme>EMS</grapheme><alias>E M S</alias></lexeme>
  <lexeme><grapheme>EMT</grapheme><alias>E M T</alias></lexeme>
  <lexeme><grapheme>HIPAA</grapheme><alias>hip-uh</alias></lexeme>
  <lexeme><grapheme>EHR</grapheme><alias>E H R</alias></lexeme>
  <lexeme><grapheme>EMR</grapheme><alias>E M R</alias></lexeme>
  <lexeme><grapheme>CPR</grapheme><alias>C P R</alias></lexeme>
  <lexeme><grapheme>AED</grapheme><alias>A E D</alias></lexeme>
  <lexeme><grapheme>BLS</grapheme><alias>B L S</alias></lexeme>
  <lexeme><grapheme>ACLS</grapheme><alias>A C L S</alias></lexeme>
  <lexeme><grapheme>PALS</grapheme><alias>pals</alias></lexeme>
  <lexeme><grapheme>NRP</grapheme><alias>N R P</alias></lexeme>
  <lexeme><grapheme>TNCC</grapheme><alias>T N C C</alias></lexeme>
  <lexeme><grapheme>MRI</grapheme><alias>M R I</alias></lexeme>
  <lexeme><grapheme>CT</grapheme><alias>C T</alias></lexeme>
  <lexeme><grapheme>EKG</grapheme><alias>E K G</alias></lexeme>
  <lexeme><grapheme>ECG</grapheme><alias>E C G</alias></lexeme>
  <lexeme><grapheme>EEG</grapheme><alias>E E G</alias></lexeme>
  <lexeme><grapheme>CBC</grapheme><alias>C B C</alias></lexeme>
  <lexeme><grapheme>BMP</grapheme><alias>B M P</alias></lexeme>
  <lexeme><grapheme>COPD</grapheme><alias>C O P D</alias></lexeme>
  <lexeme><grapheme>CHF</grapheme><alias>C H F</alias></lexeme>
  <lexeme><grapheme>DVT</grapheme><alias>D V T</alias></lexeme>
  <lexeme><grapheme>UTI</grapheme><alias>U T I</alias></lexeme>
  <lexeme><grapheme>HIV</grapheme><alias>H I V</alias></lexeme>
  <lexeme><grapheme>AIDS</grapheme><alias>aids</alias></lexeme>
  <lexeme><grapheme>TB</grapheme><alias>T B</alias></lexeme>
  <lexeme><grapheme>MRSA</grapheme><alias>mer-suh</alias></lexeme>
  <lexeme><grapheme>RSV</grapheme><alias>R S V</alias></lexeme>
  <lexeme><grapheme>COVID</grapheme><alias>koh-vid</alias></lexeme>
  <lexeme><grapheme>COVID-19</grapheme><alias>koh-vid nineteen</alias></lexeme>
  <lexeme><grapheme>SARS</grapheme><alias>sars</alias></lexeme>
  <lexeme><grapheme>ALS</grapheme><alias>A L S</alias></lexeme>
  <lexeme><grapheme>GI</grapheme><alias>G I</alias></lexeme>
  <lexeme><grapheme>ENT</grapheme><alias>E N T</alias></lexeme>
  <lexeme><grapheme>NPO</grapheme><alias>N P O</alias></lexeme>
  <lexeme><grapheme>PRN</grapheme><alias>P R N</alias></lexeme>
  <lexeme><grapheme>STAT</grapheme><alias>stat</alias></lexeme>
  <lexeme><grapheme>IV</grapheme><alias>I V</alias></lexeme>
  <lexeme><grapheme>PPE</grapheme><alias>P P E</alias></lexeme>
  <lexeme><grapheme>CMS</grapheme><alias>C M S</alias></lexeme>
  <lexeme><grapheme>TJC</grapheme><alias>T J C</alias></lexeme>
  <lexeme><grapheme>JCAHO</grapheme><alias>jay-co</alias></lexeme>
  <lexeme><grapheme>CNO</grapheme><alias>C N O</alias></lexeme>
  <lexeme><grapheme>CPAP</grapheme><alias>see-pap</alias></lexeme>
  <lexeme><grapheme>BiPAP</grapheme><alias>bye-pap</alias></lexeme>
  <lexeme><grapheme>PEEP</grapheme><alias>peep</alias></lexeme>
  <lexeme><grapheme>APRV</grapheme><alias>A P R V</alias></lexeme>
  <lexeme><grapheme>HFOV</grapheme><alias>H F O V</alias></lexeme>
  <lexeme><grapheme>HFNC</grapheme><alias>H F N C</alias></lexeme>
  <lexeme><grapheme>NIV</grapheme><alias>N I V</alias></lexeme>
  <lexeme><grapheme>NPPV</grapheme><alias>N P P V</alias></lexeme>
  <lexeme><grapheme>VAP</grapheme><alias>V A P</alias></lexeme>
  <lexeme><grapheme>SBT</grapheme><alias>S B T</alias></lexeme>
  <lexeme><grapheme>ETT</grapheme><alias>E T T</alias></lexeme>
  <lexeme><grapheme>PFT</grapheme><alias>P F T</alias></lexeme>
  <lexeme><grapheme>FiO2</grapheme><grapheme>FiO₂</grapheme><alias>F I O 2</alias></lexeme>
  <lexeme><grapheme>SpO2</grapheme><grapheme>SpO₂</grapheme><alias>S P O 2</alias></lexeme>
  <lexeme><grapheme>SaO2</grapheme><grapheme>SaO₂</grapheme><alias>S A O 2</alias></lexeme>
  <lexeme><grapheme>PaO2</grapheme><grapheme>PaO₂</grapheme><alias>P A O 2</alias></lexeme>
  <lexeme><grapheme>PaCO2</grapheme><grapheme>PaCO₂</grapheme><alias>P A C O 2</alias></lexeme>
  <lexeme><grapheme>EtCO2</grapheme><grapheme>EtCO₂</grapheme><alias>E T C O 2</alias></lexeme>
  <lexeme><grapheme>CO2</grapheme><grapheme>CO₂</grapheme><alias>C O 2</alias></lexeme>
  <lexeme><grapheme>NBRC</grapheme><alias>N B R C</alias></lexeme>
  <lexeme><grapheme>AARC</grapheme><alias>A A R C</alias></lexeme>
  <lexeme><grapheme>CoARC</grapheme><alias>co-arc</alias></lexeme>
  <lexeme><grapheme>RRT</grapheme><alias>R R T</alias></lexeme>
  <lexeme><grapheme>CRT</grapheme><alias>C R T</alias></lexeme>
  <lexeme><grapheme>ACCS</grapheme><alias>A C C S</alias></lexeme>
  <lexeme><grapheme>NPS</grapheme><alias>N P S</alias></lexeme>
  <lexeme><grapheme>RPFT</grapheme><alias>R P F T</alias></lexeme>
  <lexeme><grapheme>CPFT</grapheme><alias>C P F T</alias></lexeme>
  <lexeme><grapheme>RPSGT</grapheme><alias>R P S G T</alias></lexeme>
  <lexeme><grapheme>OB</grapheme><alias>O B</alias></lexeme>
  <lexeme><grapheme>OT</grapheme><alias>O T</alias></lexeme>
  <lexeme><grapheme>SLP</grapheme><alias>S L P</alias></lexeme>
  <lexeme><grapheme>RN</grapheme><alias>R N</alias></lexeme>
  <lexeme><grapheme>BSN</grapheme><alias>B S N</alias></lexeme>
  <lexeme><grapheme>MSN</grapheme><alias>M S N</alias></lexeme>
  <lexeme><grapheme>DNP</grapheme><alias>D N P</alias></lexeme>
  <lexeme><grapheme>APRN</grapheme><alias>A P R N</alias></lexeme>
  <lexeme><grapheme>CRNA</grapheme><alias>C R N A</alias></lexeme>
  <lexeme><grapheme>NP</grapheme><alias>N P</alias></lexeme>
  <lexeme><grapheme>FNP</grapheme><alias>F N P</alias></lexeme>
  <lexeme><grapheme>PMHNP</grapheme><alias>P M H N P</alias></lexeme>
  <lexeme><grapheme>CNM</grapheme><alias>C N M</alias></lexeme>
  <lexeme><grapheme>CNA</grapheme><alias>C N A</alias></lexeme>
  <lexeme><grapheme>LPN</grapheme><alias>L P N</alias></lexeme>
  <lexeme><grapheme>LVN</grapheme><alias>L V N</alias></lexeme>
  <lexeme><grapheme>CCRN</grapheme><alias>C C R N</alias></lexeme>
  <lexeme><grapheme>CEN</grapheme><alias>C E N</alias></lexeme>
  <lexeme><grapheme>NCLEX</grapheme><alias>en-clecks</alias></lexeme>
  <lexeme><grapheme>MD</grapheme><alias>M D</alias></lexeme>
  <lexeme><grapheme>DDS</grapheme><alias>D D S</alias></lexeme>
  <lexeme><grapheme>DMD</grapheme><alias>D M D</alias></lexeme>
  <lexeme><grapheme>PharmD</grapheme><alias>farm D</alias></lexeme>
  <lexeme><grapheme>RPh</grapheme><alias>R P H</alias></lexeme>
  <lexeme><grapheme>DPT</grapheme><alias>D P T</alias></lexeme>
  <lexeme><grapheme>OTR</grapheme><alias>O T R</alias></lexeme>
  <lexeme><grapheme>COTA</grapheme><alias>C O T A</alias></lexeme>
  <lexeme><grapheme>PA-C</grapheme><alias>P A C</alias></lexeme>
  <lexeme><grapheme>RDH</grapheme><alias>R D H</alias></lexeme>
  <lexeme><grapheme>RDN</grapheme><alias>R D N</alias></lexeme>
  <lexeme><grapheme>CPC</grapheme><alias>C P C</alias></lexeme>
  <lexeme><grapheme>RHIT</grapheme><alias>R H I T</alias></lexeme>
  <lexeme><grapheme>RHIA</grapheme><alias>R H I A</alias></lexeme>
  <lexeme><grapheme>ARRT</grapheme><alias>A R R T</alias></lexeme>
  <lexeme><grapheme>CST</grapheme><alias>C S T</alias></lexeme>
  <lexeme><grapheme>CMA</grapheme><alias>C M A</alias></lexeme>
  <lexeme><grapheme>RMA</grapheme><alias>R M A</alias></lexeme>
  <lexeme><grapheme>MCAT</grapheme><alias>em-cat</alias></lexeme>
  <lexeme><grapheme>USMLE</grapheme><alias>U S M L E</alias></lexeme>
  <lexeme><grapheme>HMO</grapheme><alias>H M O</alias></lexeme>
  <lexeme><grapheme>PPO</grapheme><alias>P P O</alias></lexeme>
  <lexeme><grapheme>CME</grapheme><alias>C M E</alias></lexeme>
  <lexeme><grapheme>CEU</grapheme><alias>C E U</alias></lexeme>
  <!-- IT -->
  <lexeme><grapheme>IT</grapheme><alias>I T</alias></lexeme>
  <lexeme><grapheme>API</grapheme><alias>A P I</alias></lexeme>
  <lexeme><grapheme>AWS</grapheme><alias>A W S</alias></lexeme>
  <lexeme><grapheme>GCP</grapheme><alias>G C P</alias></lexeme>
  <lexeme><grapheme>SQL</grapheme><alias>S Q L</alias></lexeme>
  <lexeme><grapheme>NoSQL</grapheme><alias>no S Q L</alias></lexeme>
  <lexeme><grapheme>HTML</grapheme><alias>H T M L</alias></lexeme>
  <lexeme><grapheme>CSS</grapheme><alias>C S S</alias></lexeme>
  <lexeme><grapheme>JSON</grapheme><alias>jay-son</alias></lexeme>
  <lexeme><grapheme>YAML</grapheme><alias>yam-ul</alias></lexeme>
  <lexeme><grapheme>XML</grapheme><alias>X M L</alias></lexeme>
  <lexeme><grapheme>HTTP</grapheme><alias>H T T P</alias></lexeme>
  <lexeme><grapheme>HTTPS</grapheme><alias>H T T P S</alias></lexeme>
  <lexeme><grapheme>URL</grapheme><alias>U R L</alias></lexeme>
  <lexeme><grapheme>UI</grapheme><alias>U I</alias></lexeme>
  <lexeme><grapheme>UX</grapheme><alias>U X</alias></lexeme>
  <lexeme><grapheme>QA</grapheme><alias>Q A</alias></lexeme>
  <lexeme><grapheme>CI</grapheme><alias>C I</alias></lexeme>
  <lexeme><grapheme>CI/CD</grapheme><alias>C I C D</alias></lexeme>
  <lexeme><grapheme>SaaS</grapheme><alias>sass</alias></lexeme>
  <lexeme><grapheme>PaaS</grapheme><alias>pass</alias></lexeme>
  <lexeme><grapheme>IaaS</grapheme><alias>eye-az</alias></lexeme>
  <lexeme><grapheme>IoT</grapheme><alias>I O T</alias></lexeme>
  <lexeme><grapheme>AI</grapheme><alias>A I</alias></lexeme>
  <lexeme><grapheme>ML</grapheme><alias>M L</alias></lexeme>
  <lexeme><grapheme>LLM</grapheme><alias>L L M</alias></lexeme>
  <lexeme><grapheme>GPU</grapheme><alias>G P U</alias></lexeme>
  <lexeme><grapheme>CPU</grapheme><alias>C P U</alias></lexeme>
  <lexeme><grapheme>RAM</grapheme><alias>ram</alias></lexeme>
  <lexeme><grapheme>SSD</grapheme><alias>S S D</alias></lexeme>
  <lexeme><grapheme>LAN</grapheme><alias>lan</alias></lexeme>
  <lexeme><grapheme>WAN</grapheme><alias>wan</alias></lexeme>
  <lexeme><grapheme>VPN</grapheme><alias>V P N</alias></lexeme>
  <lexeme><grapheme>DNS</grapheme><alias>D N S</alias></lexeme>
  <lexeme><grapheme>DHCP</grapheme><alias>D H C P</alias></lexeme>
  <lexeme><grapheme>TCP/IP</grapheme><alias>T C P I P</alias></lexeme>
  <lexeme><grapheme>TCP</grapheme><alias>T C P</alias></lexeme>
  <lexeme><grapheme>IP</grapheme><alias>I P</alias></lexeme>
  <lexeme><grapheme>VoIP</grapheme><alias>voyp</alias></lexeme>
  <lexeme><grapheme>SIEM</grapheme><alias>sim</alias></lexeme>
  <lexeme><grapheme>SOC</grapheme><alias>sock</alias></lexeme>
  <lexeme><grapheme>CISSP</grapheme><alias>C I S S P</alias></lexeme>
  <lexeme><grapheme>CISM</grapheme><alias>C I S M</alias></lexeme>
  <lexeme><grapheme>CEH</grapheme><alias>C E H</alias></lexeme>
  <lexeme><grapheme>CCNA</grapheme><alias>C C N A</alias></lexeme>
  <lexeme><grapheme>CCNP</grapheme><alias>C C N P</alias></lexeme>
  <lexeme><grapheme>CompTIA</grapheme><alias>comp-tee-uh</alias></lexeme>
  <lexeme><grapheme>ITIL</grapheme><alias>eye-til</alias></lexeme>
  <lexeme><grapheme>SRE</grapheme><alias>S R E</alias></lexeme>
  <lexeme><grapheme>SLA</grapheme><alias>S L A</alias></lexeme>
  <lexeme><grapheme>ERP</grapheme><alias>E R P</alias></lexeme>
  <lexeme><grapheme>CRM</grapheme><alias>C R M</alias></lexeme>
  <lexeme><grapheme>GDPR</grapheme><alias>G D P R</alias></lexeme>
  <lexeme><grapheme>OS</grapheme><alias>O S</alias></lexeme>
  <lexeme><grapheme>macOS</grapheme><alias>mac O S</alias></lexeme>
  <lexeme><grapheme>iOS</grapheme><alias>I O S</alias></lexeme>
  <lexeme><grapheme>npm</grapheme><alias>N P M</alias></lexeme>
  <lexeme><grapheme>PHP</grapheme><alias>P H P</alias></lexeme>
  <lexeme><grapheme>SDK</grapheme><alias>S D K</alias></lexeme>
  <lexeme><grapheme>IDE</grapheme><alias>I D E</alias></lexeme>
  <lexeme><grapheme>REST</grapheme><alias>rest</alias></lexeme>
  <lexeme><grapheme>GraphQL</grapheme><alias>graph Q L</alias></lexeme>
  <lexeme><grapheme>OAuth</grapheme><alias>oh-auth</alias></lexeme>
  <lexeme><grapheme>SSO</grapheme><alias>S S O</alias></lexeme>
  <lexeme><grapheme>MFA</grapheme><alias>M F A</alias></lexeme>
  <lexeme><grapheme>2FA</grapheme><alias>2 F A</alias></lexeme>
  <lexeme><grapheme>SEO</grapheme><alias>S E O</alias></lexeme>
  <lexeme><grapheme>KPI</grapheme><alias>K P I</alias></lexeme>
  <lexeme><grapheme>OKR</grapheme><alias>O K R</alias></lexeme>
  <lexeme><grapheme>USB</grapheme><alias>U S B</alias></lexeme>
  <lexeme><grapheme>HDMI</grapheme><alias>H D M I</alias></lexeme>
  <lexeme><grapheme>PDF</grapheme><alias>P D F</alias></lexeme>
  <lexeme><grapheme>CSV</grapheme><alias>C S V</alias></lexeme>
  <lexeme><grapheme>OCR</grapheme><alias>O C R</alias></lexeme>
  <lexeme><grapheme>RAID</grapheme><alias>raid</alias></lexeme>
  <lexeme><grapheme>NAS</grapheme><alias>nass</alias></lexeme>
  <lexeme><grapheme>JVM</grapheme><alias>J V M</alias></lexeme>
  <lexeme><grapheme>GUI</grapheme><alias>gooey</alias></lexeme>
  <lexeme><grapheme>CLI</grapheme><alias>C L I</alias></lexeme>
  <lexeme><grapheme>VM</grapheme><alias>V M</alias></lexeme>
  <lexeme><grapheme>IPv4</grapheme><alias>I P V 4</alias></lexeme>
  <lexeme><grapheme>IPv6</grapheme><alias>I P V 6</alias></lexeme>
  <lexeme><grapheme>Wi-Fi</grapheme><alias>why-fye</alias></lexeme>
  <lexeme><grapheme>WiFi</grapheme><alias>why-fye</alias></lexeme>
  <lexeme><grapheme>LTE</grapheme><alias>L T E</alias></lexeme>
  <lexeme><grapheme>5G</grapheme><alias>five G</alias></lexeme>
  <lexeme><grapheme>VR</grapheme><alias>V R</alias></lexeme>
  <lexeme><grapheme>DBA</grapheme><alias>D B A</alias></lexeme>
  <lexeme><grapheme>ETL</grapheme><alias>E T L</alias></lexeme>
  <lexeme><grapheme>BI</grapheme><alias>B I</alias></lexeme>
  <lexeme><grapheme>SOC 2</grapheme><alias>sock two</alias></lexeme>
  <lexeme><grapheme>PCI</grapheme><alias>P C I</alias></lexeme>
  <lexeme><grapheme>NIST</grapheme><alias>nist</alias></lexeme>
  <lexeme><grapheme>DevOps</grapheme><alias>dev-ops</alias></lexeme>
  <lexeme><grapheme>GitHub</grapheme><alias>git-hub</alias></lexeme>
  <lexeme><grapheme>Kubernetes</grapheme><alias>koo-ber-net-eez</alias></lexeme>
  <!-- engineering and trades -->
  <lexeme><grapheme>HVAC</grapheme><alias>aitch-vac</alias></lexeme>
  <lexeme><grapheme>HVACR</grapheme><alias>aitch-vac R</alias></lexeme>
  <lexeme><grapheme>OSHA</grapheme><alias>oh-sha</alias></lexeme>
  <lexeme><grapheme>EPA</grapheme><alias>E P A</alias></lexeme>
  <lexeme><grapheme>NEC</grapheme><alias>N E C</alias></lexeme>
  <lexeme><grapheme>NFPA</grapheme><alias>N F P A</alias></lexeme>
  <lexeme><grapheme>ASME</grapheme><alias>A S M E</alias></lexeme>
  <lexeme><grapheme>ASHRAE</grapheme><alias>ash-ray</alias></lexeme>
  <lexeme><grapheme>CAD</grapheme><alias>cad</alias></lexeme>
  <lexeme><grapheme>CAM</grapheme><alias>cam</alias></lexeme>
  <lexeme><grapheme>CNC</grapheme><alias>C N C</alias></lexeme>
  <lexeme><grapheme>PLC</grapheme><alias>P L C</alias></lexeme>
  <lexeme><grapheme>CDL</grapheme><alias>C D L</alias></lexeme>
  <lexeme><grapheme>EIT</grapheme><alias>E I T</alias></lexeme>
  <lexeme><grapheme>FE</grapheme><alias>F E</alias></lexeme>
  <lexeme><grapheme>GFCI</grapheme><alias>G F C I</alias></lexeme>
  <lexeme><grapheme>AFCI</grapheme><alias>A F C I</alias></lexeme>
  <lexeme><grapheme>MIG</grapheme><alias>mig</alias></lexeme>
  <lexeme><grapheme>TIG</grapheme><alias>tig</alias></lexeme>
  <lexeme><grapheme>NATE</grapheme><alias>nate</alias></lexeme>
  <lexeme><grapheme>LEED</grapheme><alias>leed</alias></lexeme>
  <lexeme><grapheme>BIM</grapheme><alias>bim</alias></lexeme>
  <lexeme><grapheme>MEP</grapheme><alias>M E P</alias></lexeme>
  <lexeme><grapheme>ISO</grapheme><alias>eye-so</alias></lexeme>
  <lexeme><grapheme>ANSI</grapheme><alias>an-see</alias></lexeme>
  <lexeme><grapheme>IEEE</grapheme><alias>eye triple E</alias></lexeme>
  <lexeme><grapheme>NCCER</grapheme><alias>N C C E R</alias></lexeme>
  <lexeme><grapheme>AWS CWI</grapheme><alias>A W S C W I</alias></lexeme>
  <lexeme><grapheme>CWI</grapheme><alias>C W I</alias></lexeme>
  <lexeme><grapheme>ASE</grapheme><alias>A S E</alias></lexeme>
  <lexeme><grapheme>EV</grapheme><alias>E V</alias></lexeme>
  <lexeme><grapheme>PV</grapheme><alias>P V</alias></lexeme>
  <lexeme><grapheme>NABCEP</grapheme><alias>nab-sep</alias></lexeme>
  <lexeme><grapheme>QA/QC</grapheme><alias>Q A Q C</alias></lexeme>
  <lexeme><grapheme>QC</grapheme><alias>Q C</alias></lexeme>
  <lexeme><grapheme>SOP</grapheme><alias>S O P</alias></lexeme>
  <lexeme><grapheme>RFI</grapheme><alias>R F I</alias></lexeme>
  <lexeme><grapheme>RFP</grapheme><alias>R F P</alias></lexeme>
  <lexeme><grapheme>PPAP</grapheme><alias>pee-pap</alias></lexeme>
  <lexeme><grapheme>FMEA</grapheme><alias>F M E A</alias></lexeme>
  <lexeme><grapheme>GD&amp;T</grapheme><alias>G D and T</alias></lexeme>
  <lexeme><grapheme>CMM</grapheme><alias>C M M</alias></lexeme>
  <lexeme><grapheme>FAA</grapheme><alias>F A A</alias></lexeme>
  <lexeme><grapheme>A&amp;P</grapheme><alias>A and P</alias></lexeme>
  <lexeme><grapheme>DOT</grapheme><alias>D O T</alias></lexeme>
  <lexeme><grapheme>UL</grapheme><alias>U L</alias></lexeme>
  <!-- finance and business -->
  <lexeme><grapheme>CPA</grapheme><alias>C P A</alias></lexeme>
  <lexeme><grapheme>CFA</grapheme><alias>C F A</alias></lexeme>
  <lexeme><grapheme>CFP</grapheme><alias>C F P</alias></lexeme>
  <lexeme><grapheme>FINRA</grapheme><alias>fin-ruh</alias></lexeme>
  <lexeme><grapheme>SEC</grapheme><alias>S E C</alias></lexeme>
  <lexeme><grapheme>IRS</grapheme><alias>I R S</alias></lexeme>
  <lexeme><grapheme>GAAP</grapheme><alias>gap</alias></lexeme>
  <lexeme><grapheme>IFRS</grapheme><alias>I F R S</alias></lexeme>
  <lexeme><grapheme>SOX</grapheme><alias>socks</alias></lexeme>
  <lexeme><grapheme>AML</grapheme><alias>A M L</alias></lexeme>
  <lexeme><grapheme>KYC</grapheme><alias>K Y C</alias></lexeme>
  <lexeme><grapheme>ROI</grapheme><alias>R O I</alias></lexeme>
  <lexeme><grapheme>EBITDA</grapheme><alias>ee-bit-dah</alias></lexeme>
  <lexeme><grapheme>401(k)</grapheme><alias>four-oh-one K</alias></lexeme>
  <lexeme><grapheme>IRA</grapheme><alias>I R A</alias></lexeme>
  <lexeme><grapheme>HSA</grapheme><alias>H S A</alias></lexeme>
  <lexeme><grapheme>FSA</grapheme><alias>F S A</alias></lexeme>
  <lexeme><grapheme>APR</grapheme><alias>A P R</alias></lexeme>
  <lexeme><grapheme>ETF</grapheme><alias>E T F</alias></lexeme>
  <lexeme><grapheme>IPO</grapheme><alias>I P O</alias></lexeme>
  <lexeme><grapheme>CFO</grapheme><alias>C F O</alias></lexeme>
  <lexeme><grapheme>CEO</grapheme><alias>C E O</alias></lexeme>
  <lexeme><grapheme>COO</grapheme><alias>C O O</alias></lexeme>
  <lexeme><grapheme>CTO</grapheme><alias>C T O</alias></lexeme>
  <lexeme><grapheme>CIO</grapheme><alias>C I O</alias></lexeme>
  <lexeme><grapheme>VP</grapheme><alias>V P</alias></lexeme>
  <lexeme><grapheme>SVP</grapheme><alias>S V P</alias></lexeme>
  <lexeme><grapheme>HR</grapheme><alias>H R</alias></lexeme>
  <lexeme><grapheme>PTO</grapheme><alias>P T O</alias></lexeme>
  <lexeme><grapheme>FTE</grapheme><alias>F T E</alias></lexeme>
  <lexeme><grapheme>W-2</grapheme><alias>W two</alias></lexeme>
  <lexeme><grapheme>FICA</grapheme><alias>fye-kuh</alias></lexeme>
  <lexeme><grapheme>FDIC</grapheme><alias>F D I C</alias></lexeme>
  <lexeme><grapheme>MBA</grapheme><alias>M B A</alias></lexeme>
  <lexeme><grapheme>ACCA</grapheme><alias>A C C A</alias></lexeme>
  <lexeme><grapheme>CIMA</grapheme><alias>see-muh</alias></lexeme>
  <lexeme><grapheme>CPCU</grapheme><alias>C P C U</alias></lexeme>
  <lexeme><grapheme>NMLS</grapheme><alias>N M L S</alias></lexeme>
  <lexeme><grapheme>FRM</grapheme><alias>F R M</alias></lexeme>
  <lexeme><grapheme>CAIA</grapheme><alias>kay-uh</alias></lexeme>
  <lexeme><grapheme>B2B</grapheme><alias>B 2 B</alias></lexeme>
  <lexeme><grapheme>B2C</grapheme><alias>B 2 C</alias></lexeme>
  <lexeme><grapheme>SMB</grapheme><alias>S M B</alias></lexeme>
  <lexeme><grapheme>P&amp;L</grapheme><alias>P and L</alias></lexeme>
  <lexeme><grapheme>M&amp;A</grapheme><alias>M and A</alias></lexeme>
  <lexeme><grapheme>PMP</grapheme><alias>P M P</alias></lexeme>
  <lexeme><grapheme>CAPM</grapheme><alias>cap-em</alias></lexeme>
  <lexeme><grapheme>PMI</grapheme><alias>P M I</alias></lexeme>
  <lexeme><grapheme>CSM</grapheme><alias>C S M</alias></lexeme>
  <lexeme><grapheme>SHRM</grapheme><alias>sherm</alias></lexeme>
  <lexeme><grapheme>PHR</grapheme><alias>P H R</alias></lexeme>
  <lexeme><grapheme>SPHR</grapheme><alias>S P H R</alias></lexeme>
  <lexeme><grapheme>CPT</grapheme><alias>C P T</alias></lexeme>
  <!-- education -->
  <lexeme><grapheme>GED</grapheme><alias>G E D</alias></lexeme>
  <lexeme><grapheme>FAFSA</grapheme><alias>faff-suh</alias></lexeme>
  <lexeme><grapheme>STEM</grapheme><alias>stem</alias></lexeme>
  <lexeme><grapheme>STEAM</grapheme><alias>steam</alias></lexeme>
  <lexeme><grapheme>K-12</grapheme><alias>K through twelve</alias></lexeme>
  <lexeme><grapheme>ESL</grapheme><alias>E S L</alias></lexeme>
  <lexeme><grapheme>ELL</grapheme><alias>E L L</alias></lexeme>
  <lexeme><grapheme>ESOL</grapheme><alias>ee-sol</alias></lexeme>
  <lexeme><grapheme>IEP</grapheme><alias>I E P</alias></lexeme>
  <lexeme><grapheme>IB</grapheme><alias>I B</alias></lexeme>
  <lexeme><grapheme>SAT</grapheme><alias>S A T</alias></lexeme>
  <lexeme><grapheme>GPA</grapheme><alias>G P A</alias></lexeme>
  <lexeme><grapheme>GRE</grapheme><alias>G R E</alias></lexeme>
  <lexeme><grapheme>GMAT</grapheme><alias>gee-mat</alias></lexeme>
  <lexeme><grapheme>TOEFL</grapheme><alias>toe-ful</alias></lexeme>
  <lexeme><grapheme>IELTS</grapheme><alias>eye-elts</alias></lexeme>
  <lexeme><grapheme>BA</grapheme><alias>B A</alias></lexeme>
  <lexeme><grapheme>BS</grapheme><alias>B S</alias></lexeme>
  <lexeme><grapheme>BSc</grapheme><alias>B S C</alias></lexeme>
  <lexeme><grapheme>MA</grapheme><alias>M A</alias></lexeme>
  <lexeme><grapheme>MS</grapheme><alias>M S</alias></lexeme>
  <lexeme><grapheme>MSc</grapheme><alias>M S C</alias></lexeme>
  <lexeme><grapheme>MEd</grapheme><alias>M Ed</alias></lexeme>
  <lexeme><grapheme>EdD</grapheme><alias>Ed D</alias></lexeme>
  <lexeme><grapheme>PhD</grapheme><alias>P H D</alias></lexeme>
  <lexeme><grapheme>MSW</grapheme><alias>M S W</alias></lexeme>
  <lexeme><grapheme>BSW</grapheme><alias>B S W</alias></lexeme>
  <lexeme><grapheme>LCSW</grapheme><alias>L C S W</alias></lexeme>
  <lexeme><grapheme>LMFT</grapheme><alias>L M F T</alias></lexeme>
  <lexeme><grapheme>LPC</grapheme><alias>L P C</alias></lexeme>
  <lexeme><grapheme>NBCT</grapheme><alias>N B C T</alias></lexeme>
  <lexeme><grapheme>CDA</grapheme><alias>C D A</alias></lexeme>
  <lexeme><grapheme>ECE</grapheme><alias>E C E</alias></lexeme>
  <lexeme><grapheme>PreK</grapheme><alias>pre-K</alias></lexeme>
  <lexeme><grapheme>Pre-K</grapheme><alias>pre-K</alias></lexeme>
  <lexeme><grapheme>PTA</grapheme><alias>P T A</alias></lexeme>
  <lexeme><grapheme>FERPA</grapheme><alias>fur-puh</alias></lexeme>
  <lexeme><grapheme>CAEP</grapheme><alias>cape</alias></lexeme>
  <lexeme><grapheme>NEA</grapheme><alias>N E A</alias></lexeme>
  <lexeme><grapheme>ESSA</grapheme><alias>essa</alias></lexeme>
  <lexeme><grapheme>UDL</grapheme><alias>U D L</alias></lexeme>
  <lexeme><grapheme>RTI</grapheme><alias>R T I</alias></lexeme>
  <lexeme><grapheme>MTSS</grapheme><alias>M T S S</alias></lexeme>
  <lexeme><grapheme>PBIS</grapheme><alias>P B I S</alias></lexeme>
  <lexeme><grapheme>SEL</grapheme><alias>S E L</alias></lexeme>
  <lexeme><grapheme>CTE</grapheme><alias>C T E</alias></lexeme>
  <lexeme><grapheme>AAS</grapheme><alias>A A S</alias></lexeme>
  <lexeme><grapheme>HBCU</grapheme><alias>H B C U</alias></lexeme>
  <!-- government and public service -->
  <lexeme><grapheme>U.S.</grapheme><alias>U S</alias></lexeme>
  <lexeme><grapheme>U.K.</grapheme><alias>U K</alias></lexeme>
  <lexeme><grapheme>FBI</grapheme><alias>F B I</alias></lexeme>
  <lexeme><grapheme>CIA</grapheme><alias>C I A</alias></lexeme>
  <lexeme><grapheme>DHS</grapheme><alias>D H S</alias></lexeme>
  <lexeme><grapheme>DoD</grapheme><alias>D O D</alias></lexeme>
  <lexeme><grapheme>DOD</grapheme><alias>D O D</alias></lexeme>
  <lexeme><grapheme>USDA</grapheme><alias>U S D A</alias></lexeme>
  <lexeme><grapheme>HHS</grapheme><alias>H H S</alias></lexeme>
  <lexeme><grapheme>CDC</grapheme><alias>C D C</alias></lexeme>
  <lexeme><grapheme>NIH</grapheme><alias>N I H</alias></lexeme>
  <lexeme><grapheme>FDA</grapheme><alias>F D A</alias></lexeme>
  <lexeme><grapheme>FEMA</grapheme><alias>fee-muh</alias></lexeme>
  <lexeme><grapheme>TSA</grapheme><alias>T S A</alias></lexeme>
  <lexeme><grapheme>DMV</grapheme><alias>D M V</alias></lexeme>
  <lexeme><grapheme>SSA</grapheme><alias>S S A</alias></lexeme>
  <lexeme><grapheme>OPM</grapheme><alias>O P M</alias></lexeme>
  <lexeme><grapheme>USAJOBS</grapheme><alias>U S A jobs</alias></lexeme>
  <lexeme><grapheme>NASA</grapheme><alias>nassa</alias></lexeme>
  <lexeme><grapheme>NOAA</grapheme><alias>noah</alias></lexeme>
  <lexeme><grapheme>DOJ</grapheme><alias>D O J</alias></lexeme>
  <lexeme><grapheme>DOE</grapheme><alias>D O E</alias></lexeme>
  <lexeme><grapheme>HUD</grapheme><alias>hud</alias></lexeme>
  <lexeme><grapheme>ATF</grapheme><alias>A T F</alias></lexeme>
  <lexeme><grapheme>CBP</grapheme><alias>C B P</alias></lexeme>
  <lexeme><grapheme>USPS</grapheme><alias>U S P S</alias></lexeme>
  <lexeme><grapheme>GAO</grapheme><alias>G A O</alias></lexeme>
  <lexeme><grapheme>NSA</grapheme><alias>N S A</alias></lexeme>
  <lexeme><grapheme>NGO</grapheme><alias>N G O</alias></lexeme>
  <lexeme><grapheme>UN</grapheme><alias>U N</alias></lexeme>
  <lexeme><grapheme>NATO</grapheme><alias>nay-toe</alias></lexeme>
  <lexeme><grapheme>EU</grapheme><alias>E U</alias></lexeme>
  <lexeme><grapheme>ADA</grapheme><alias>A D A</alias></lexeme>
  <lexeme><grapheme>EEOC</grapheme><alias>E E O C</alias></lexeme>
  <lexeme><grapheme>EEO</grapheme><alias>E E O</alias></lexeme>
  <lexeme><grapheme>FLSA</grapheme><alias>F L S A</alias></lexeme>
  <lexeme><grapheme>FMLA</grapheme><alias>F M L A</alias></lexeme>
  <lexeme><grapheme>WIOA</grapheme><alias>wee-oh-uh</alias></lexeme>
  <lexeme><grapheme>SNAP</grapheme><alias>snap</alias></lexeme>
  <lexeme><grapheme>WIC</grapheme><alias>wick</alias></lexeme>
  <lexeme><grapheme>TANF</grapheme><alias>tan-eff</alias></lexeme>
  <lexeme><grapheme>ROTC</grapheme><alias>rot-see</alias></lexeme>
  <lexeme><grapheme>MOS</grapheme><alias>M O S</alias></lexeme>
  <lexeme><grapheme>NCO</grapheme><alias>N C O</alias></lexeme>
  <lexeme><grapheme>NHS</grapheme><alias>N H S</alias></lexeme>
  <lexeme><grapheme>HMRC</grapheme><alias>H M R C</alias></lexeme>
  <lexeme><grapheme>DBS</grapheme><alias>D B S</alias></lexeme>
  <lexeme><grapheme>GCSE</grapheme><alias>G C S E</alias></lexeme>
  <lexeme><grapheme>NVQ</grapheme><alias>N V Q</alias></lexeme>
  <lexeme><grapheme>CSCS</grapheme><alias>C S C S</alias></lexeme>
  <lexeme><grapheme>SCUBA</grapheme><alias>scuba</alias></lexeme>
  <lexeme><grapheme>LASER</grapheme><alias>laser</alias></lexeme>
  <lexeme><grapheme>RADAR</grapheme><alias>radar</alias></lexeme>
  <!-- more respiratory care and IT -->
  <lexeme><grapheme>RT</grapheme><alias>R T</alias></lexeme>
  <lexeme><grapheme>TMC</grapheme><alias>T M C</alias></lexeme>
  <lexeme><grapheme>CSE</grapheme><alias>C S E</alias></lexeme>
  <lexeme><grapheme>BGP</grapheme><alias>B G P</alias></lexeme>
  <lexeme><grapheme>OSPF</grapheme><alias>O S P F</alias></lexeme>
  <lexeme><grapheme>VLAN</grapheme><alias>vee-lan</alias></lexeme>
  <lexeme><grapheme>SNMP</grapheme><alias>S N M P</alias></lexeme>
  <lexeme><grapheme>NTP</grapheme><alias>N T P</alias></lexeme>
  <lexeme><grapheme>UPS</grapheme><alias>U P S</alias></lexeme>
  <lexeme><grapheme>HND</grapheme><alias>H N D</alias></lexeme>
  <lexeme><grapheme>SD-WAN</grapheme><alias>S D wan</alias></lexeme>
  <lexeme><grapheme>WLAN</grapheme><alias>W lan</alias></lexeme>
  <lexeme><grapheme>P/F</grapheme><alias>P F</alias></lexeme>
</lexicon>
